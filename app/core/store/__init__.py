"""The encrypted store: SQLCipher connection, key slots, migrations, backup."""
