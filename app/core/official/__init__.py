"""Official documents (公文): assembly from the records, versioned text, seal, per-copy printing, and
authenticating a printed copy (核验)."""
