"""The "Administration" area: catalogue and contacts (later: accounts, retention, backups)."""
