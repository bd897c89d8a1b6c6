"""Staff accounts, roles and the audit trail (Qt-free)."""
