"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from acsrv_desktop.core.accounts.audit_chain import command_line_refusal
from acsrv_desktop.core.accounts.passwords import POLICY_HINT
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.bootstrap import names_no_login, open_database, resolve_database_url
from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.services import CatalogueReader, Services
from acsrv_desktop.core.text import quoted, words

PASSWORD_ENV = "ACSRV_MOT_DE_PASSE"
SIGN_IN_HINT = (
    "indiquez --identifiant VOTRE_IDENTIFIANT (le mot de passe est demandé, ou lu dans la "
    f"variable {PASSWORD_ENV})"
)


class HadAccountsError(UserFacingError):
    """No account now, yet the command line may not act as the administrator: the sealed
    trail says the database had accounts, or cannot be trusted (its French reason)."""


@contextmanager
def opened_database(args: argparse.Namespace) -> Iterator[Database]:
    """The database of the command. The federation's server, named without a login, is
    reached only once the person signs in (``signed_in_services``), with their own."""
    url = resolve_database_url(getattr(args, "db", None))
    if names_no_login(url):
        server = Database(url)  # connects to nothing by itself
        try:
            yield server
        finally:
            server.dispose()
        return
    opened = open_database(url)
    try:
        yield opened.db
    finally:
        opened.db.dispose()


def add_identity_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--identifiant",
        metavar="IDENTIFIANT",
        help="votre identifiant, quand la base a des comptes (mot de passe demandé, ou lu dans "
        f"la variable {PASSWORD_ENV})",
    )


def signed_in_actor(db: Database, args: argparse.Namespace) -> Actor:
    """Who runs the command: the account signed in with --identifiant, whose role applies and
    whose name goes to the audit trail. On a database that never had an account (fresh
    install, demo: its sealed trail says so), the command line acts as the administrator of
    the machine it runs on."""
    return _sign_in(db, args)[1]


def _sign_in(db: Database, args: argparse.Namespace) -> tuple[Database, Actor]:
    """The database to work in and who works: on the server, a connection with the person's
    own PostgreSQL login."""
    accounts = AccountService(db)
    login = getattr(args, "identifiant", None)
    if not login and _is_the_servers_owner(db):
        # IT's own connection (the nightly retention, say): the owner may do everything on
        # the server already; the trail says it was them.
        _check_security_layer(db)
        return db, Actor.system(f"service informatique, {db.url.username}")
    if not login:
        if db.needs_personal_login or accounts.has_accounts():
            raise UserFacingError(f"Cette base a des comptes : {SIGN_IN_HINT}.")
        # An empty accounts table is not enough: the sealed trail must say there never was
        # one (someone who can write the file can empty the table, not re-seal the trail).
        refusal = command_line_refusal(db, SIGN_IN_HINT)
        if refusal is not None:
            raise HadAccountsError(refusal)
        return db, Actor.command_line()
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise UserFacingError(
                f"Mot de passe : donnez-le dans la variable {PASSWORD_ENV} (pas de terminal)."
            )
        password = getpass.getpass("Mot de passe : ")
    return accounts.open_session(login, password)  # a SignInError is shown in French


def _check_security_layer(db: Database) -> None:
    """The server's functions and rights at this version's (an owner's command skips the
    sign-in, where a desk compares them)."""
    from acsrv_desktop.core.server.version import security_layer_problem

    with db.engine.connect() as connection:
        problem = security_layer_problem(connection)
    if problem is not None:
        raise UserFacingError(f"{problem} Rien n’a été fait.")


def _is_the_servers_owner(db: Database) -> bool:
    """A shared server's address naming the role that owns its database (not a superuser)."""
    if db.is_sqlite or db.needs_personal_login:
        return False
    from sqlalchemy import text

    with db.read() as session:
        return bool(
            session.execute(
                text(
                    "SELECT d.datdba = r.oid AND NOT r.rolsuper FROM pg_database d, pg_roles r "
                    "WHERE d.datname = current_database() AND r.rolname = current_user"
                )
            ).scalar()
        )


def signed_in_services(db: Database, args: argparse.Namespace) -> Services:
    """The services of whoever runs the command (see ``signed_in_actor``): the same object,
    and the same methods, as the GUI's after its sign-in."""
    return Services(*_sign_in(db, args))


def reader_services(db: Database) -> Services:
    """The services of a command nobody signs in for (``search``, ``route``): what is open to
    every role, the catalogue, and nothing else."""
    if db.needs_personal_login:
        raise UserFacingError(
            "Le serveur de la fédération ne se lit qu’avec un compte : lancez cette commande "
            "sur une copie locale, ou utilisez l’application avec votre identifiant."
        )
    return Services(db, CatalogueReader.anonymous())


def centre_by_name(services: Services, name: str | None) -> CentreView | None:
    """The centre a ``--centre NOM`` option names, None without the option; an unknown name is
    refused with the list of the centres. Accents, case and punctuation aside: a keyboard types
    « l'ACSRV » for the shipped « l’ACSRV »."""
    if not name:
        return None
    wanted = words(name)
    centres = services.centres.centres(include_inactive=True)
    centre = next((c for c in centres if words(c.name) == wanted), None)
    if centre is None:
        names = ", ".join(c.name for c in services.centres.centres())
        raise UserFacingError(f"Centre inconnu « {quoted(name)} » (centres : {names})")
    return centre


NEW_PASSWORD_ENV = "ACSRV_NOUVEAU_MOT_DE_PASSE"


def read_new_password(whose: str, nothing_done: str) -> str:
    """A new password: from ``ACSRV_NOUVEAU_MOT_DE_PASSE`` (scripts), or typed twice after
    the rules are shown. ``whose`` names it in the prompts (« Nouveau mot de passe »);
    ``nothing_done`` ends the message when the two typed differ."""
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise UserFacingError(
            f"{whose} : donnez-le dans la variable {NEW_PASSWORD_ENV} (pas de terminal)."
        )
    print(POLICY_HINT, file=sys.stderr)
    first = getpass.getpass(f"{whose} : ")
    if getpass.getpass("Le même, pour confirmer : ") != first:
        raise UserFacingError(f"Les deux mots de passe saisis diffèrent : {nothing_done}")
    return first
