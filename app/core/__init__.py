"""The core: domain rules, the store, security, printing and sheets. No Qt below here."""
