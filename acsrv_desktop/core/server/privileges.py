"""What each role's PostgreSQL group may do: the database, not the client, draws the line.

Four NOLOGIN group roles, one per application role. They own nothing and may create nothing
(neither in the schema nor temporary tables); each is granted, table by table, what its role
does in the application (``core/accounts/roles.py``). Roles are cumulative in the application,
so the grants are computed cumulatively here — but the groups are not members of one another:
row-level security by centre (a later step) will apply to the accueil group alone.

Applied by the owner at every ``server init`` and ``server migrate``: everything is first
revoked from the groups, then granted again from the tables below, so that the privileges on
the server are always exactly these (a table dropped from here loses its grants).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, text

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.errors import DatabaseOpenError
from acsrv_desktop.core.server.functions import (
    EXECUTE_GRANTS,
    SERVER_COLUMNS,
    create_audit_triggers,
    create_functions,
)

GROUP_ROLES: dict[Role, str] = {
    Role.ACCUEIL: "acsrv_accueil",
    Role.COORDINATION: "acsrv_coordination",
    Role.ADMINISTRATION: "acsrv_administration",
    Role.REFERENT: "acsrv_referent",
}
SCHEMA = "public"
# Columns no group may read: only the owner reads password hashes.
SECRET_COLUMNS: dict[str, frozenset[str]] = {"staff_account": frozenset({"password_hash"})}
# The tables whose rows belong to one centre (row-level security).
CENTRE_TABLES = ("visit", "referral")
# Serialises two server commands run at once (GRANTs on one object at the same time fail).
SECURITY_LOCK_KEY = 0x4143_5353  # "ACSS"

Privileges = Mapping[str, frozenset[str]]

_READ = frozenset({"SELECT"})
_LOG = frozenset({"SELECT", "INSERT", "UPDATE"})
_EDIT = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE"})

_ACCUEIL: Privileges = {
    # Read at every start (is the schema at head?).
    "alembic_version": _READ,
    # The catalogue, the centres and the shared settings: read by every desk.
    "centre": _READ,
    "app_setting": _READ,
    "organisation": _READ,
    "contact": _READ,
    "programme": _READ,
    "programme_contact": _READ,
    # Visitors, visits and referrals: logged and corrected (never deleted) by the desk.
    "visitor": _LOG,
    # Replaced through acsrv_replace_name_tokens (a renamed visitor): no DELETE here.
    "visitor_name_token": _READ,
    "visit": _LOG,
    "referral": _LOG,
    # Who is who (names, roles, centres), but not the password hashes (SECRET_COLUMNS).
    # Accounts change only through the owner's functions (``functions``).
    "staff_account": _READ,
    # The application writes its entries (each stamped with the session's login and the
    # server's time by a trigger); none may read, change or remove them.
    "audit_entry": frozenset({"INSERT"}),
    # Which référent answers for which programme: administration's (below) and each
    # référent's own rows.
    "programme_referent": frozenset(),
}
# Erasing or merging a person's record goes through acsrv_delete_visitor: no DELETE here.
# Every centre's visits, referrals and figures are the same tables: row-level security
# tells the roles apart.
_COORDINATION_EXTRA: Privileges = {}
_ADMINISTRATION_EXTRA: Privileges = {
    # The catalogue and the settings are edited in place (programmes are withdrawn, never
    # deleted); a programme's contacts are replaced by acsrv_replace_programme_contacts. No
    # DELETE anywhere: a login holding it may LOCK the table and stall every desk.
    "organisation": _LOG,
    "contact": _LOG,
    "programme": _LOG,
    "programme_contact": frozenset({"SELECT", "INSERT"}),  # a new programme's contacts
    "centre": _LOG,
    "app_setting": _LOG,
    # Accounts are created and changed by acsrv_account_create / _update alone (a PostgreSQL
    # login and its row together); purged entries by acsrv_purge_audit alone.
    "audit_entry": frozenset({"SELECT", "INSERT"}),
    # Replaced by acsrv_replace_referent_programmes alone (no DELETE); read for the accounts.
    "programme_referent": _READ,
}
# A référent de programme (issue 17) reads the catalogue, the centres and who is who like
# every desk, and its own programmes (row-level security); referrals, visits and people not
# at all: those addressed to its programmes come through acsrv_referent_referrals() with
# only the columns it needs, its answers through acsrv_answer_referral() (``functions``).
_REFERENT: Privileges = {
    **{table: frozenset() for table in _ACCUEIL},
    **{
        table: _READ
        for table in (
            "alembic_version",
            "centre",
            "app_setting",
            "organisation",
            "contact",
            "programme",
            "programme_contact",
            "staff_account",
            "programme_referent",
        )
    },
    "audit_entry": frozenset({"INSERT"}),
}


def _union(*parts: Privileges) -> dict[str, frozenset[str]]:
    merged: dict[str, frozenset[str]] = {}
    for part in parts:
        for table, privileges in part.items():
            merged[table] = merged.get(table, frozenset()) | privileges
    return merged


TABLE_PRIVILEGES: dict[Role, dict[str, frozenset[str]]] = {
    Role.ACCUEIL: _union(_ACCUEIL),
    Role.COORDINATION: _union(_ACCUEIL, _COORDINATION_EXTRA),
    Role.ADMINISTRATION: _union(_ACCUEIL, _COORDINATION_EXTRA, _ADMINISTRATION_EXTRA),
    Role.REFERENT: _union(_REFERENT),
}


def quote_identifier(connection: Connection, name: str) -> str:
    quoted = connection.exec_driver_sql("SELECT quote_ident(%(name)s)", {"name": name}).scalar()
    assert isinstance(quoted, str)
    return quoted


def _can_create_roles(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar()
    )


def require_create_role(connection: Connection, what: str) -> None:
    if not _can_create_roles(connection):
        user = connection.execute(text("SELECT current_user")).scalar()
        raise DatabaseOpenError(
            f"Le rôle PostgreSQL « {user} » ne peut pas créer de rôles, il en faut pour {what}. "
            f"Donnez-lui ce droit (en superutilisateur : ALTER ROLE {user} CREATEROLE) puis "
            "relancez la commande."
        )


def ensure_group_roles(connection: Connection) -> list[str]:
    """Create the missing group roles (cluster-wide: another database may have made them);
    returns the names created. Each is NOLOGIN: nobody signs in as a group."""
    existing = set(
        connection.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(GROUP_ROLES.values())},
        ).scalars()
    )
    missing = [name for name in GROUP_ROLES.values() if name not in existing]
    if missing:
        require_create_role(
            connection, "les groupes accueil, coordination, administration et référent"
        )
    for name in missing:
        # Another server command on another database of the cluster may create it at the
        # same moment: then it exists, which is all that is wanted.
        connection.exec_driver_sql(
            f"""DO $$ BEGIN
                CREATE ROLE {name} NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$"""
        )
    _check_group_attributes(connection)
    _check_admin_option(connection)
    return missing


def _check_admin_option(connection: Connection) -> None:
    """From PostgreSQL 16, putting a login in a group (CREATE ROLE … IN ROLE, GRANT) needs
    the ADMIN OPTION on that group, which a group created by another role (another
    database's owner) does not give: said before anything is changed, not at the first
    account."""
    if int(str(connection.execute(text("SHOW server_version_num")).scalar())) < 160000:
        return  # CREATEROLE is enough there
    lacking = connection.execute(
        text(
            "SELECT g.rolname FROM pg_roles g WHERE g.rolname = ANY(:names) AND NOT EXISTS ("
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles o ON o.oid = m.member "
            "WHERE m.roleid = g.oid AND o.rolname = current_user AND m.admin_option)"
        ),
        {"names": list(GROUP_ROLES.values())},
    ).scalars()
    names = ", ".join(lacking)
    if names:
        raise DatabaseOpenError(
            f"Le rôle propriétaire ne peut pas ajouter de comptes aux groupes {names} (ils ont "
            "été créés par un autre rôle). En superutilisateur : GRANT "
            f"{names} TO <propriétaire> WITH ADMIN OPTION, puis relancez. Rien n'a été changé."
        )


def _check_group_attributes(connection: Connection) -> None:
    wrong = connection.execute(
        text(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) AND (rolcanlogin "
            "OR rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication)"
        ),
        {"names": list(GROUP_ROLES.values())},
    ).scalars()
    names = ", ".join(wrong)
    if names:
        raise DatabaseOpenError(
            f"Les rôles de groupe {names} existent déjà sur le serveur avec des droits qu'un "
            "groupe ne doit pas avoir (connexion, superutilisateur, création de rôles ou de "
            "bases, contournement de la sécurité par ligne). Corrigez-les (ALTER ROLE … NOLOGIN "
            "NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION) puis relancez."
        )


def schema_tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :schema ORDER BY tablename"),
            {"schema": SCHEMA},
        ).scalars()
    )


def _columns(connection: Connection, table: str) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = :schema "
                "AND table_name = :table ORDER BY ordinal_position"
            ),
            {"schema": SCHEMA, "table": table},
        ).scalars()
    )


def _sequences(connection: Connection, table: str) -> list[str]:
    """The sequences feeding ``table``'s columns (its SERIAL id): needed to INSERT there."""
    return [
        name
        for name in connection.execute(
            text(
                "SELECT pg_get_serial_sequence(quote_ident(:schema) || '.' || "
                "quote_ident(:table), column_name) FROM information_schema.columns "
                "WHERE table_schema = :schema AND table_name = :table"
            ),
            {"schema": SCHEMA, "table": table},
        ).scalars()
        if name
    ]


def _revoke_everything(connection: Connection, groups: str) -> None:
    name = connection.execute(text("SELECT current_database()")).scalar()
    database = quote_identifier(connection, str(name))
    for statement in (
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC, {groups}",
        f"REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC, {groups}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM PUBLIC, {groups}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {SCHEMA} FROM PUBLIC, {groups}",
        # The trigger functions: a trigger fires whoever changes the row; nobody calls them.
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {SCHEMA} FROM PUBLIC, {groups}",
        # CONNECT and the schema's names, no more: no CREATE, no TEMPORARY tables.
        f"GRANT CONNECT ON DATABASE {database} TO {groups}",
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {groups}",
    ):
        connection.exec_driver_sql(statement)


def _grant_table(
    connection: Connection, group: str, table: str, privileges: frozenset[str]
) -> None:
    """``privileges`` on ``table`` for ``group``. SELECT and UPDATE are granted column by
    column: SELECT leaves the secret columns out, and UPDATE held on columns rather than on
    the table does not allow ``LOCK TABLE`` in a mode that stalls the other desks (PostgreSQL
    asks table-level UPDATE, DELETE or TRUNCATE for those)."""
    quoted = f"{SCHEMA}.{quote_identifier(connection, table)}"
    columns = [c for c in _columns(connection, table) if c not in SECRET_COLUMNS.get(table, ())]
    kept = ("id", *SERVER_COLUMNS.get(table, ()))  # the server's to set, never a session's
    whole = sorted(privileges - {"SELECT", "UPDATE"})
    if whole:
        connection.exec_driver_sql(f"GRANT {', '.join(whole)} ON {quoted} TO {group}")
    for privilege in ("SELECT", "UPDATE"):
        if privilege not in privileges:
            continue
        named = [c for c in columns if privilege == "SELECT" or c not in kept]
        listed = ", ".join(quote_identifier(connection, column) for column in named)
        connection.exec_driver_sql(f"GRANT {privilege} ({listed}) ON {quoted} TO {group}")
    if "INSERT" in privileges:
        for sequence in _sequences(connection, table):
            connection.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {sequence} TO {group}")


def _grant_functions(connection: Connection) -> None:
    for signature, roles in EXECUTE_GRANTS.items():
        groups = ", ".join(GROUP_ROLES[Role(role)] for role in roles)
        connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {SCHEMA}.{signature} TO {groups}")


def _apply_row_security(connection: Connection) -> None:
    """An accueil login sees and writes only its centre's visits and referrals; coordination
    and administration every centre's. (The owner, who owns the tables, is not subject to
    these: IT's commands see everything.)"""
    accueil = GROUP_ROLES[Role.ACCUEIL]
    everywhere = f"{GROUP_ROLES[Role.COORDINATION]}, {GROUP_ROLES[Role.ADMINISTRATION]}"
    for table in CENTRE_TABLES:
        connection.exec_driver_sql(f"ALTER TABLE {SCHEMA}.{table} ENABLE ROW LEVEL SECURITY")
        for policy, groups, rule in (
            # (SELECT …): computed once per statement, not once per row.
            ("acsrv_own_centre", accueil, "centre_id = (SELECT public.acsrv_current_centre())"),
            # An account deactivated meanwhile sees nothing more, even in a session it had
            # opened before (NOLOGIN only refuses the next connection).
            ("acsrv_every_centre", everywhere, "(SELECT public.acsrv_account_active())"),
        ):
            _policy(connection, table, policy, groups, rule)
    # People: those registered or seen at the accueil's centre; their name words likewise
    # (through the visitor's own policy, applied in the subquery).
    for table, rule in (
        ("visitor", "(SELECT public.acsrv_current_centre()) = ANY(acsrv_centres)"),
        ("visitor_name_token", "EXISTS (SELECT 1 FROM public.visitor v WHERE v.id = visitor_id)"),
    ):
        connection.exec_driver_sql(f"ALTER TABLE {SCHEMA}.{table} ENABLE ROW LEVEL SECURITY")
        _policy(connection, table, "acsrv_own_centre", accueil, rule)
        _policy(
            connection,
            table,
            "acsrv_every_centre",
            everywhere,
            "(SELECT public.acsrv_account_active())",
        )

    # A référent's own programmes; administration reads them all (Administration › Comptes).
    connection.exec_driver_sql(f"ALTER TABLE {SCHEMA}.programme_referent ENABLE ROW LEVEL SECURITY")
    _policy(
        connection,
        "programme_referent",
        "acsrv_own_programmes",
        GROUP_ROLES[Role.REFERENT],
        "account_id = (SELECT public.acsrv_referent_account())",
    )
    _policy(
        connection,
        "programme_referent",
        "acsrv_every_centre",
        GROUP_ROLES[Role.ADMINISTRATION],
        "(SELECT public.acsrv_account_active())",
    )


def _policy(connection: Connection, table: str, name: str, groups: str, rule: str) -> None:
    connection.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {SCHEMA}.{table}")
    connection.exec_driver_sql(
        f"CREATE POLICY {name} ON {SCHEMA}.{table} TO {groups} USING ({rule}) WITH CHECK ({rule})"
    )


def prepare_functions(connection: Connection) -> None:
    """The owner's functions alone, right after the schema is at head: merging the shipped
    catalogue may call them (a programme's new contacts), so they must not wait for the rest
    of the layer, which ``apply_security`` applies once the shipped data is in."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SECURITY_LOCK_KEY})
    connection.execute(text("ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"))
    create_functions(connection, with_version=False)  # the version comes with the grants


def apply_security(connection: Connection) -> None:
    """The security layer, in the caller's transaction, as the owner (idempotent)."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SECURITY_LOCK_KEY})
    ensure_group_roles(connection)
    tables = schema_tables(connection)
    unknown = sorted(set(tables) - set(TABLE_PRIVILEGES[Role.ADMINISTRATION]))
    if unknown:  # a migration added a table: say here who may use it
        raise DatabaseOpenError(
            f"Aucun droit n'est prévu pour les tables {', '.join(unknown)} : cette version de "
            "l'application est incomplète, rien n'a été accordé. Prévenez ses développeurs."
        )
    # Functions a later migration creates are nobody's to execute until granted here (by
    # default PostgreSQL lets PUBLIC execute every new function).
    connection.execute(text("ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"))
    create_functions(connection)
    create_audit_triggers(connection)
    _revoke_everything(connection, ", ".join(GROUP_ROLES.values()))
    for role, group in GROUP_ROLES.items():
        for table, privileges in TABLE_PRIVILEGES[role].items():
            if table in tables:
                _grant_table(connection, group, table, privileges)
    _grant_functions(connection)
    _apply_row_security(connection)
