"""A shared PostgreSQL server, set up and upgraded by the federation's IT (``acsrv-desktop
server init`` / ``server migrate``), with the database's own roles and privileges as the
security boundary. Qt-free."""
