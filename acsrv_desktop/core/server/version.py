"""The security layer's version, compared between a desk (or a command) and the server.

The owner's functions, grants and policies come with no Alembic revision: ``server migrate``
re-applies them. A desk compares the version it was built for with the server's
``acsrv_security_version()`` whenever it connects anew (sign-in, unlock, an IT command), so
that a server not migrated yet, or a desk older than the server, is said in French instead of
failing later on a missing function or right."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from acsrv_desktop.core.database import UNDEFINED_FUNCTION
from acsrv_desktop.core.server.functions import SECURITY_VERSION

NOT_PERMITTED = "42501"


def server_security_version(connection: Connection) -> int:
    """The server's version; 0 for a server prepared before the layer had one (the failed
    statement's transaction is rolled back)."""
    try:
        return int(connection.execute(text("SELECT acsrv_security_version()")).scalar_one())
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) not in (UNDEFINED_FUNCTION, NOT_PERMITTED):
            raise
        connection.rollback()
        return 0


def security_layer_problem(connection: Connection) -> str | None:
    """What stands between this version of the application and the server, in French (the
    caller says what was not done), or None when they go together."""
    on_server = server_security_version(connection)
    if on_server == SECURITY_VERSION:
        return None
    if on_server < SECURITY_VERSION:
        return (
            f"Les droits et fonctions du serveur sont d’une version plus ancienne que "
            f"l’application (serveur {on_server}, application {SECURITY_VERSION}) : le "
            "service informatique doit lancer « acsrv-desktop server migrate »."
        )
    return (
        f"Le serveur a été mis à jour pour une version plus récente de l’application (serveur "
        f"{on_server}, ce poste {SECURITY_VERSION}) : faites installer la nouvelle version sur "
        "ce poste."
    )
