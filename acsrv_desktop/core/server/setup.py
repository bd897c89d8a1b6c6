"""``server init`` and ``server migrate``: a shared PostgreSQL database set up and upgraded by
the federation's IT, as the role that owns it — never by a workstation.

Both migrate the schema to head (``schema.migrate_to_head``: the advisory lock, the checks of
a newer or foreign database), load the shipped catalogue and centres as a first start does,
then apply the security layer (``privileges``). ``init`` also creates the first administrator:
a PostgreSQL login of the administration group, and its account in the application.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.exc import DatabaseError as SADatabaseError

from acsrv_desktop import paths
from acsrv_desktop.core.accounts.passwords import describe_problems, password_problems
from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import LOGIN_PATTERN, AccountService, normalise_login
from acsrv_desktop.core.catalogue.bootstrap import ensure_shipped_catalogue
from acsrv_desktop.core.centres import ensure_shipped_centres
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import DatabaseOpenError, UserFacingError
from acsrv_desktop.core.schema import (
    UpgradeReport,
    current_revision,
    explain_open_failure,
    migrate_to_head,
    owner_url_example,
)
from acsrv_desktop.core.server.privileges import (
    GROUP_ROLES,
    apply_security,
    prepare_functions,
    require_create_role,
)

log = logging.getLogger(__name__)


class ServerSetupError(UserFacingError):
    """``server init`` or ``server migrate`` cannot go on; the message says why, in French."""


@dataclass(frozen=True)
class FirstAdministrator:
    login: str
    display_name: str
    password: str


@dataclass(frozen=True)
class ServerReport:
    """What a server command did, for its French summary."""

    database: str
    owner: str
    upgrade: UpgradeReport
    centres_added: int = 0
    catalogue_loaded: bool = False
    administrator: str | None = None
    groups: tuple[str, ...] = field(default=tuple(GROUP_ROLES.values()))

    def describe(self) -> list[str]:
        lines = [self.database, self.upgrade.describe()]
        if self.catalogue_loaded:
            lines.append("Catalogue livré avec l'application chargé.")
        if self.centres_added:
            lines.append(f"Centres créés : {self.centres_added}.")
        lines.append(
            f"Droits appliqués (propriétaire : {self.owner}) : groupes {', '.join(self.groups)} ; "
            "aucun groupe ne peut créer d'objet, lire les mots de passe, ni modifier ou effacer "
            "le journal d'audit."
        )
        if self.administrator:
            lines.append(
                f"Premier compte d'administration créé : « {self.administrator} » (rôle de "
                f"connexion PostgreSQL membre de {GROUP_ROLES[Role.ADMINISTRATION]})."
            )
        return lines


def owner_database(url: str) -> Database:
    """The database at ``url``, opened as the owner role it names; SQLite refused."""
    db = Database(url)
    if db.is_sqlite:
        db.dispose()
        raise ServerSetupError(
            "Les commandes « server » préparent une base PostgreSQL partagée. Une base SQLite "
            "locale se crée et se met à jour seule au démarrage du poste : rien à faire ici."
        )
    return db


def _scalar(connection: Connection, sql: str, **params: object) -> object:
    return connection.execute(text(sql), params).scalar()


def _check_owner(db: Database) -> str:
    """The role connected, after checking it may run the server commands: it owns the
    database, so that it can revoke what PUBLIC holds there, and is no superuser (the owner's
    functions run with their owner's rights, and its own sessions are the untraced ones)."""
    try:
        with db.engine.connect() as connection:
            user = str(_scalar(connection, "SELECT current_user"))
            owns = _scalar(
                connection,
                "SELECT d.datdba = r.oid FROM pg_database d, pg_roles r "
                "WHERE d.datname = current_database() AND r.rolname = current_user",
            )
            superuser = _scalar(
                connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
            )
    except SADatabaseError as exc:
        raise DatabaseOpenError(explain_open_failure(db, exc)) from exc
    if superuser:
        raise ServerSetupError(
            f"Le rôle « {user} » est superutilisateur : les commandes « server » se lancent en "
            "tant que le rôle propriétaire de la base, qui n'est pas superutilisateur "
            "(docs/serveur.md, section 4). Rien n'a été changé."
        )
    if not owns:
        raise ServerSetupError(
            f"Le rôle « {user} » n'est pas propriétaire de la base « {db.url.database} ». "
            "Les commandes « server » se lancent en tant que propriétaire (en "
            f"superutilisateur : ALTER DATABASE {db.url.database} OWNER TO {user})."
        )
    return user


def _prepare(db: Database, owner: str) -> ServerReport:
    """Schema at head, shipped data, security layer: what init and migrate share."""
    upgrade = migrate_to_head(db, paths.backup_dir_path())
    with db.engine.connect() as connection, connection.begin():
        prepare_functions(connection)  # the shipped data below may call them
    catalogue = ensure_shipped_catalogue(db)
    centres = ensure_shipped_centres(db)
    with db.engine.connect() as connection, connection.begin():
        apply_security(connection)
    log.info("base %s préparée par %s (%s)", db.url.database, owner, upgrade.describe())
    return ServerReport(db.describe(), owner, upgrade, centres, catalogue is not None)


def prepare(url: str) -> ServerReport:
    """``server init`` without its first administrator — also ``server migrate``: schema to
    head, shipped data, security layer. (The tests' template database is made so: without
    any account, as an SQLite first start leaves it.)"""
    db = owner_database(url)
    try:
        return _prepare(db, _check_owner(db))
    finally:
        db.dispose()


def migrate(url: str) -> ServerReport:
    """``server migrate``: upgrade the schema and apply the security layer again."""
    return prepare(url)


def initialise(url: str, admin: FirstAdministrator) -> ServerReport:
    """``server init``: schema, shipped data, security layer and the first administrator."""
    login = _checked_login(admin)
    db = owner_database(url)
    try:
        owner = _check_owner(db)
        _refuse_initialised(db, login)
        report = _prepare(db, owner)
        _create_first_administrator(db, admin, login)
    finally:
        db.dispose()
    return dataclasses.replace(report, administrator=login)


def _checked_login(admin: FirstAdministrator) -> str:
    """The login and password checked before anything is changed on the server."""
    login = normalise_login(admin.login)
    if not LOGIN_PATTERN.fullmatch(login):
        raise ServerSetupError(
            "Identifiant de l'administrateur : 2 à 40 caractères, lettres sans accent, "
            "chiffres, point, tiret ou soulignement (par exemple « marie.dupont »)."
        )
    problems = password_problems(admin.password, login)
    if problems:
        raise ServerSetupError(describe_problems(problems))
    return login


def _refuse_initialised(db: Database, login: str) -> None:
    with db.engine.connect() as connection:
        accounts, revision = 0, None
        if _scalar(connection, "SELECT to_regclass('public.staff_account') IS NOT NULL"):
            revision = current_revision(connection)
            accounts = int(str(_scalar(connection, "SELECT count(*) FROM staff_account")))
        role_exists = _scalar(connection, "SELECT 1 FROM pg_roles WHERE rolname = :n", n=login)
        require_create_role(connection, "le compte de l'administrateur")
    if accounts:
        raise ServerSetupError(
            f"Cette base est déjà initialisée (révision {revision}, {accounts} compte(s)) : "
            f"rien n'a été changé. Pour la mettre à jour : acsrv-desktop server migrate --db "
            f"{owner_url_example(db)}"
        )
    if role_exists:
        raise ServerSetupError(
            f"Le rôle PostgreSQL « {login} » existe déjà sur ce serveur (peut-être pour une "
            "autre base) : choisissez un autre identifiant pour l'administrateur. Rien n'a été "
            "changé."
        )


def _create_first_administrator(db: Database, admin: FirstAdministrator, login: str) -> None:
    """A PostgreSQL login of the administration group and its account in the application,
    made together by the owner's function (``acsrv_account_create``): both or neither."""
    AccountService(db).create_first_administrator(
        login, admin.display_name.strip() or login, admin.password, None
    )
