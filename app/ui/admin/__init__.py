"""The pages the three administrators see instead of case data."""
