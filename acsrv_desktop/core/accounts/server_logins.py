"""Staff accounts on the federation's shared PostgreSQL server: one PostgreSQL login each.

There, the server checks passwords (SCRAM-SHA-256) and slows failed attempts down
(``auth_delay``, docs/serveur.md): signing in is opening a connection with the person's own
login, and what they may do is what that login may do. Accounts are created and changed by the
owner's functions (``core/server/functions.py``), which administration alone may call; their
passwords reach the server as SCRAM verifiers computed here by libpq, never in clear.
"""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts.errors import WRONG_CREDENTIALS, AccountError, SignInError
from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.database import (
    UNDEFINED_FUNCTION,
    Database,
    DatabaseUnavailableError,
    explain_tls_failure,
)
from acsrv_desktop.core.server.version import security_layer_problem

log = logging.getLogger(__name__)

# What libpq says when the server refused the login or its password (the server tells an
# unknown login and a wrong password apart to nobody: neither do we).
_REFUSED = (
    "password authentication failed",
    "authentication failed",
    "is not permitted to log in",
    "no password supplied",
)
_NOT_ALLOWED_HERE = ("no pg_hba.conf entry", "pg_hba.conf rejects")
# Stored in staff_account.password_hash on the server: no password is checked by the
# application there (argon2 verifies nothing against it).
SERVER_CHECKED = "!postgresql"


def _libpq_detail(error: BaseException) -> str:
    return str(getattr(error, "orig", None) or error).lower()


def _connection_refused(error: BaseException) -> Exception:
    """The French error for a connection that did not open as the person's login."""
    detail = _libpq_detail(error)
    if any(part in detail for part in _REFUSED):
        return SignInError(WRONG_CREDENTIALS)
    if any(part in detail for part in _NOT_ALLOWED_HERE):
        return SignInError(
            "Le serveur n’accepte pas cet identifiant depuis ce poste (ses règles d’accès). "
            "Prévenez le service informatique."
        )
    tls = explain_tls_failure(detail)
    if tls is not None:
        return DatabaseUnavailableError(tls)
    log.warning("connexion au serveur impossible : %s", error)
    return DatabaseUnavailableError(
        "Le serveur de la fédération ne répond pas : vérifiez la connexion au réseau, puis "
        "réessayez. Si cela dure, prévenez le service informatique."
    )


def sign_in(db: Database, login: str, password: str) -> tuple[Database, Actor]:
    """A database connected as ``login`` and the actor it is in the application."""
    personal = db.signed_in_as(login, password)
    try:
        connection = personal.engine.connect()
    except DBAPIError as exc:  # the server refused the login, or did not answer
        personal.dispose()
        raise _connection_refused(exc) from exc
    try:
        with connection:
            row = connection.execute(text("SELECT * FROM acsrv_signed_in()")).one()
            # The versions compared before the sign-in is committed: a desk refused here
            # leaves nothing behind (not even its sign-in time).
            problem = security_layer_problem(connection)
            if problem is None:
                connection.commit()
    except DBAPIError as exc:
        personal.dispose()
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate == "28000":  # a login without an active account (the owner, a group)
            raise SignInError(
                "Cet identifiant n’est pas celui d’un compte actif du personnel."
            ) from exc
        if sqlstate in (UNDEFINED_FUNCTION, "42501"):  # not prepared (or not migrated) by IT
            raise DatabaseUnavailableError(
                "Cette base du serveur n’a pas été préparée pour l’application (ou pas par "
                "cette version) : le service informatique doit lancer « acsrv-desktop server "
                "migrate ». Rien n’a été changé."
            ) from exc
        raise
    if problem is not None:
        personal.dispose()
        raise DatabaseUnavailableError(f"{problem} Rien n’a été changé.")
    actor = Actor(row.account_id, row.login, Role(row.role), row.centre_id, row.display_name)
    return personal, actor


def password_is_right(db: Database, login: str, password: str) -> bool:
    """Whether the server accepts ``password`` for ``login`` (unlocking, the current password
    before a change): a connection of its own, opened and closed."""
    probe = db.signed_in_as(login, password)
    try:
        with probe.engine.connect() as connection:
            # A desk left locked overnight may find the server migrated meanwhile.
            problem = security_layer_problem(connection)
        if problem is not None:
            raise DatabaseUnavailableError(f"{problem} Fermez l’application.")
        return True
    except DBAPIError as exc:
        refusal = _connection_refused(exc)
        if isinstance(refusal, SignInError):
            return False
        raise refusal from exc
    finally:
        probe.dispose()


def scram_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``login``, computed by libpq on this
    workstation (as psql's \\password does): the password itself never reaches the server,
    nor its statement log."""
    dbapi: Any = session.connection().connection.dbapi_connection
    verifier = dbapi.pgconn.encrypt_password(
        unicodedata.normalize("NFC", password).encode("utf-8"),
        login.encode("utf-8"),
        b"scram-sha-256",
    )
    return str(verifier.decode("ascii"))


def _call(session: Session, sql: str, **params: object) -> Any:
    try:
        return session.execute(text(sql), params).scalar()
    except DBAPIError as exc:
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate == "42501":
            if "administration" in str(exc.orig):  # the function's own refusal
                raise AccountError(
                    "Le serveur refuse : seuls les comptes d’administration gèrent les comptes."
                ) from exc
            raise AccountError(
                "Le serveur refuse cette opération : le rôle propriétaire de la base n’a pas "
                "les droits nécessaires (docs/serveur.md). Prévenez le service informatique."
            ) from exc
        if sqlstate == "42710":
            raise AccountError(
                "Cet identifiant est déjà pris sur le serveur de la fédération (peut-être par "
                "une autre base) : choisissez-en un autre.",
                "login",
            ) from exc
        raise


def create_account(
    session: Session,
    login: str,
    display_name: str,
    role: Role,
    centre_id: int | None,
    password: str,
) -> int:
    """A PostgreSQL login of ``role``'s group and its account, in ``session``'s transaction."""
    verifier = scram_verifier(session, login, password)
    account_id = _call(
        session,
        "SELECT acsrv_account_create(:login, :name, :role, :centre, :verifier)",
        login=login,
        name=display_name,
        role=str(role),
        centre=centre_id,
        verifier=verifier,
    )
    return int(account_id)


def update_account(
    session: Session,
    account_id: int,
    display_name: str,
    role: Role,
    centre_id: int | None,
    active: bool,
) -> None:
    """Name, role (the login's group), centre and active (LOGIN or NOLOGIN) together."""
    _call(
        session,
        "SELECT acsrv_account_update(:id, :name, :role, :centre, :active)",
        id=account_id,
        name=display_name,
        role=str(role),
        centre=centre_id,
        active=active,
    )


def set_password(session: Session, account_id: int, login: str, password: str) -> None:
    verifier = scram_verifier(session, login, password)
    _call(
        session,
        "SELECT acsrv_account_set_password(:id, :verifier)",
        id=account_id,
        verifier=verifier,
    )


def replace_referent_programmes(
    session: Session, account_id: int, programmes: tuple[str, ...]
) -> None:
    """A référent's programmes, replaced by the owner's function (no login holds DELETE)."""
    _call(
        session,
        "SELECT acsrv_replace_referent_programmes(:id, :programmes)",
        id=account_id,
        programmes=list(programmes),
    )
