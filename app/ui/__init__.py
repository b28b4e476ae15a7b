"""The Qt GUI: windows and dialogs over the core. Nothing here talks to the database directly."""
