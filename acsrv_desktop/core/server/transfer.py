"""``transfer``: one centre's local SQLite database moved into the federation's server.

Run by IT as the role that owns the server's database (it owns the tables: row-level security
does not apply to it). The whole move is one PostgreSQL transaction: any refusal or error
leaves the server as it was (only its id sequences may have advanced). The SQLite file is
opened read-only (``mode=ro``) and never changed; it must be at this version's schema.

Identity of what moves, so that a second run moves nothing:

- people: by their random ``person_key`` (unique everywhere): one already on the server is
  not moved again, and the new visits of that person point at the server's record;
- visits, referrals and audit entries have no natural key (anonymous visits of one minute
  may be alike): each transfer leaves a marker, its own audit entry ``base-transferee``, with
  the highest local id moved per table and a fingerprint of the local rows up to those ids
  (centres, visits, referrals: rows never deleted). A later run whose source has the same
  fingerprint up to a marker's ids moves only the rows above them (what the centre logged
  since); a source some of whose people are on the server but whose fingerprint matches no
  marker is refused (it changed since its transfer, or it is a copy: moving it again would
  count visits twice).

Centres are matched by name (accents, case and punctuation aside); a centre used by the
source but unknown on the server is created there and named in the summary. Programmes and
contacts of referrals must exist on the server (same catalogue ids), or nothing moves.
Local staff accounts are not moved (their argon2 hashes cannot become PostgreSQL logins):
audit entries point at the server's account of the same login, when there is one, and the
summary lists the ``account create`` commands IT should run for the others. People with the
same folded name and birth year as someone already on the server are moved as they are
(never merged): they show up in Administration › Personnes en double, and are counted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, Table, create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.pool import NullPool

from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.database import Database, parse_database_url
from acsrv_desktop.core.errors import DatabaseOpenError, UserFacingError
from acsrv_desktop.core.models import (
    AuditEntry,
    Centre,
    Referral,
    StaffAccount,
    UTCDateTime,
    Visit,
    Visitor,
    VisitorNameToken,
)
from acsrv_desktop.core.reception.references import new_reference
from acsrv_desktop.core.reception.visitors import name_tokens, search_name_of
from acsrv_desktop.core.schema import (
    current_revision,
    explain_open_failure,
    owner_url_example,
    shipped_head_revision,
)
from acsrv_desktop.core.server.setup import owner_database
from acsrv_desktop.core.server.version import security_layer_problem
from acsrv_desktop.core.text import quoted, words

TRANSFER_ACTION = "base-transferee"
# Two transfers into one server are serialised (the second sees the first's marker).
_TRANSFER_LOCK_KEY = 0x4143_5354  # "ACST"
# Local record ids that audit entries name, mapped to the server's ids when they moved.
_RECORD_TYPES = {"personne": "visitor", "passage": "visit", "orientation": "referral"}


class TransferError(UserFacingError):
    """The transfer cannot go on; nothing was changed on the server. The message says why."""


@dataclass(frozen=True)
class LocalAccount:
    """A staff account of the local database that has no account on the server yet."""

    login: str
    display_name: str
    role: str
    centre: str | None


@dataclass(frozen=True)
class TransferReport:
    """What a transfer moved (or would have moved, ``dry_run``), for its French summary."""

    source: str
    server: str
    visitors: int = 0
    visitors_known: int = 0  # already on the server (a previous transfer)
    tokens: int = 0
    visits: int = 0
    referrals: int = 0
    audit_entries: int = 0
    centres_matched: tuple[str, ...] = ()
    centres_created: tuple[str, ...] = ()
    duplicates: int = 0
    local_accounts: int = 0
    accounts_to_create: tuple[LocalAccount, ...] = ()
    referrals_left: int = 0  # added since the previous transfer to a visit moved then
    changed_since: int = 0  # visits and referrals moved before, changed locally since
    previous_transfer: datetime | None = None
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def moved_anything(self) -> bool:
        return bool(self.visitors or self.visits or self.referrals or self.audit_entries)

    def describe(self, server_url: str | None = None) -> list[str]:
        lines = [f"Source : base locale SQLite {self.source} (lue seulement, inchangée)."]
        lines.append(f"Destination : {self.server}.")
        if self.previous_transfer is not None:
            when = self.previous_transfer.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")
            lines.append(f"Cette base a déjà été transférée, le {when}.")
        if not self.moved_anything:
            lines.append("Rien à transférer : tout est déjà sur le serveur. Rien n'a été changé.")
            return lines + self._accounts_lines(server_url)
        verb = "seraient transférés (essai : rien n'a été changé)" if self.dry_run else "transférés"
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines.append(
            f"En {seconds} s, {verb} : {_n(self.visits)} passages, {_n(self.referrals)} "
            f"orientations, {_n(self.visitors)} personnes ({_n(self.tokens)} mots de nom pour "
            f"la recherche), {_n(self.audit_entries)} entrées du journal d'audit (avec leurs "
            "heures d'origine, et une entrée pour ce transfert)."
        )
        if self.visitors_known:
            lines.append(
                f"Personnes déjà sur le serveur (transfert précédent) : {self.visitors_known} ; "
                "leurs nouveaux passages leur sont rattachés."
            )
        if self.centres_matched:
            lines.append(f"Centres reconnus sur le serveur : {', '.join(self.centres_matched)}.")
        if self.centres_created:
            lines.append(
                f"Centres créés sur le serveur : {', '.join(self.centres_created)} (inconnus "
                "sous ces noms : vérifiez qu'aucun n'est un autre nom d'un centre existant)."
            )
        lines.append(
            f"Doublons possibles signalés : {self.duplicates} (même nom et même année de "
            "naissance qu'une personne déjà sur le serveur ; rien n'a été fusionné) : à "
            "examiner dans Administration › Personnes en double."
        )
        if self.changed_since:
            lines.append(
                f"Passages ou orientations déjà transférés puis modifiés sur la base locale : "
                f"{_n(self.changed_since)} (modifications non reprises : à refaire sur le "
                "serveur)."
            )
        if self.referrals_left:
            lines.append(
                f"Orientations non reprises : {self.referrals_left} (ajoutées depuis le "
                "transfert précédent à des passages déjà transférés) : à saisir sur le serveur."
            )
        lines.extend(self._accounts_lines(server_url))
        return lines

    def _accounts_lines(self, server_url: str | None) -> list[str]:
        if not self.local_accounts:
            return ["La base locale n'a pas de comptes du personnel."]
        if not self.accounts_to_create:
            return ["Tous les comptes de la base locale ont un compte sur le serveur."]
        url = server_url or "postgresql+psycopg://serveur/base"
        lines = [
            f"Comptes locaux sans compte sur le serveur : {len(self.accounts_to_create)} (les "
            "mots de passe locaux ne sont pas repris ; aucun rôle PostgreSQL n'a été créé). "
            "Le journal garde leurs identifiants. À créer par le service informatique :"
        ]
        for account in self.accounts_to_create:
            centre = f' --centre "{account.centre}"' if account.centre else ""
            lines.append(
                f'  acsrv-desktop account create --db "{url}" --identifiant ADMINISTRATEUR '
                f'--login {account.login} --name "{account.display_name}" '
                f"--role {account.role}{centre}"
            )
        return lines


def _n(count: int) -> str:
    """A count as French writes it: 50 000."""
    return f"{count:,}".replace(",", " ")


# -- the source -------------------------------------------------------------------------------


@dataclass
class _Source:
    """Every row of the local database, read in one read transaction (a consistent copy)."""

    centres: list[dict[str, Any]]
    visitors: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    referrals: list[dict[str, Any]]
    accounts: list[dict[str, Any]]
    audit: list[dict[str, Any]]


def source_path(url: str) -> Path:
    """The SQLite file ``url`` names; anything else refused in French."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        parsed = None
    if parsed is None or parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise TransferError(
            f"--from attend la base locale d'un centre : sqlite:///chemin/acsrv.sqlite3 "
            f"(reçu « {quoted(url, 80)} »). Rien n'a été transféré."
        )
    path = Path(parsed.database).expanduser()
    if not path.is_file():
        what = "est un dossier" if path.is_dir() else "n'existe pas"
        raise TransferError(f"La base locale {path} {what}. Rien n'a été transféré.")
    return path


def _read_only_engine(path: Path) -> Engine:
    """An engine that cannot write the file (SQLite's ``mode=ro``): the source never changes."""
    uri = f"{path.resolve().as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        # isolation_level=None: the read transaction below is begun explicitly.
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    # hide_parameters: a failed read's text, logged, names no visitor's values.
    return create_engine("sqlite://", creator=connect, poolclass=NullPool, hide_parameters=True)


def _check_source_revision(connection: Connection, path: Path) -> None:
    if (
        connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        is None
    ):
        raise TransferError(
            f"Le fichier {path} n'est pas une base de l'application (aucun schéma "
            "acsrv-desktop). Rien n'a été transféré."
        )
    revision = current_revision(connection)
    head = shipped_head_revision()
    if revision == head:
        return
    if revision is None or head is None or not revision.isdigit():
        raise TransferError(
            f"Le fichier {path} n'est pas une base de l'application (révision du schéma "
            f"« {revision or 'aucune'} »). Rien n'a été transféré."
        )
    if int(revision) < int(head):
        raise TransferError(
            f"La base locale {path} est à une révision plus ancienne ({revision}) que "
            f"l'application ({head}). Ouvrez-la une fois avec l'application sur ce poste (ou "
            f"lancez : acsrv-desktop migrate --db sqlite:///{path}), qui la met à jour après "
            "une sauvegarde, puis relancez le transfert. Rien n'a été transféré."
        )
    raise TransferError(
        f"La base locale {path} a été enregistrée par une version plus récente de "
        f"l'application (révision {revision}) : installez cette version ici avant de la "
        "transférer. Rien n'a été transféré."
    )


def _rows(connection: Connection, table: Table) -> list[dict[str, Any]]:
    """The table's rows as SQLite holds them, for COPY without decoding and encoding each
    value again: JSON columns stay JSON text, booleans 0 or 1 (PostgreSQL reads both), and
    instants — naive UTC text there, as SQLAlchemy writes them — get their « +00 »."""
    names = [column.name for column in table.columns]
    instants = [c.name for c in table.columns if isinstance(c.type, UTCDateTime)]
    result = connection.exec_driver_sql(f"SELECT {', '.join(names)} FROM {table.name} ORDER BY id")
    rows = [dict(zip(names, row, strict=True)) for row in result]
    for row in rows:
        for name in instants:
            if row[name] is not None:
                row[name] = f"{row[name]}+00"
    return rows


def read_source(path: Path) -> _Source:
    """The local database, checked at this version's schema and read whole, read-only."""
    engine = _read_only_engine(path)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN")  # one snapshot, even if a desk is writing
            _check_source_revision(connection, path)
            source = _Source(
                *(
                    _rows(connection, model.__table__)  # type: ignore[arg-type]
                    for model in (Centre, Visitor, Visit, Referral, StaffAccount, AuditEntry)
                )
            )
            connection.exec_driver_sql("ROLLBACK")
            return source
    except SADatabaseError as exc:
        detail = str(exc.orig or exc).splitlines()[0] if str(exc.orig or exc) else ""
        if "not a database" in detail or "malformed" in detail:
            reason = "n'est pas une base de données lisible (fichier endommagé ou d'un autre type)"
        elif "unable to open" in detail:
            reason = "ne peut pas être ouvert en lecture (droits du fichier ou de son dossier)"
        elif "no such table" in detail or "no such column" in detail:
            reason = "n'a pas le schéma attendu de l'application"
        else:
            reason = f"n'a pas pu être lu ({detail})"
        raise TransferError(f"Le fichier {path} {reason}. Rien n'a été transféré.") from exc
    finally:
        engine.dispose()


# -- identity of what was moved before ----------------------------------------------------


@dataclass(frozen=True)
class _Marks:
    """The highest local ids a previous transfer of this source moved (0: none)."""

    centre: int = 0
    visit: int = 0
    referral: int = 0
    audit: int = 0
    when: datetime | None = None


def _fingerprint(source: _Source, marks: _Marks) -> str:
    """The local rows up to ``marks``, by id and creation time (neither ever changes)."""
    digest = hashlib.sha256()
    for rows, mark in (
        (source.centres, marks.centre),
        (source.visits, marks.visit),
        (source.referrals, marks.referral),
    ):
        for row in rows:
            if row["id"] <= mark:
                digest.update(f"{row['id']}|{row['created_at']};".encode())
        digest.update(b"#")
    return digest.hexdigest()[:32]


def _highest(rows: Sequence[dict[str, Any]]) -> int:
    return rows[-1]["id"] if rows else 0


def _previous_marks(connection: Connection, source: _Source) -> _Marks:
    """The marks of this source's latest transfer found on the server, or none."""
    markers = connection.execute(
        select(AuditEntry.occurred_at, AuditEntry.details)
        # Only the owner's: a staff login may write entries (stamped as its own), never one
        # that would make a transfer skip rows.
        .where(AuditEntry.action == TRANSFER_ACTION, AuditEntry.actor == func.current_user())
        .order_by(AuditEntry.id.desc())
    ).all()
    for occurred_at, stored in markers:
        details = stored or {}
        marks = _Marks(
            int(details.get("dernier_centre", 0)),
            int(details.get("dernier_passage", 0)),
            int(details.get("derniere_orientation", 0)),
            int(details.get("derniere_entree", 0)),
            occurred_at,
        )
        if details.get("empreinte") == _fingerprint(source, marks):
            return marks
    return _Marks()


# -- the server -------------------------------------------------------------------------------


def _check_server(connection: Connection, db: Database) -> None:
    """The server at this version's schema, and the role connected owning its tables."""
    prepared = connection.execute(text("SELECT to_regclass('public.visit') IS NOT NULL")).scalar()
    revision = current_revision(connection) if prepared else None
    head = shipped_head_revision()
    example = owner_url_example(db)
    if revision is None:
        raise TransferError(
            "La base du serveur n'est pas préparée : lancez d'abord acsrv-desktop server init "
            f"--db {example} --admin-login IDENTIFIANT. Rien n'a été transféré."
        )
    if revision != head:
        raise TransferError(
            f"Le schéma du serveur (révision {revision}) n'est pas celui de l'application "
            f"({head}) : mettez à jour le serveur (acsrv-desktop server migrate --db {example}) "
            "ou l'application, puis relancez. Rien n'a été transféré."
        )
    problem = security_layer_problem(connection)
    if problem is not None:
        raise TransferError(f"{problem} Rien n'a été transféré.")
    owns = connection.execute(
        text(
            "SELECT t.tableowner = current_user AND NOT r.rolsuper FROM pg_tables t, pg_roles r "
            "WHERE t.schemaname = 'public' AND t.tablename = 'visit' AND r.rolname = current_user"
        )
    ).scalar()
    if not owns:
        raise TransferError(
            f"Le rôle « {db.url.username} » n'est pas propriétaire des tables de la base : le "
            "transfert se lance en tant que propriétaire (comme server init). Rien n'a été "
            "transféré."
        )


def _new_ids(connection: Connection, table: str, count: int) -> list[int]:
    """``count`` ids from the table's own sequence (so later inserts never collide)."""
    if not count:
        return []
    return list(
        connection.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table, "n": count},
        ).scalars()
    )


def _copy(connection: Connection, table: Table, rows: Iterable[Sequence[Any]]) -> None:
    """Rows in the table's column order, with PostgreSQL's COPY (the fastest bulk insert),
    in the transaction of ``connection``. JSON columns are given as JSON text."""
    columns = ", ".join(column.name for column in table.columns)
    dbapi: Any = connection.connection.dbapi_connection  # typed as any DB-API connection
    assert isinstance(dbapi, psycopg.Connection)
    with dbapi.cursor() as cursor, cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _values(table: Table, row: dict[str, Any]) -> list[Any]:
    """A row read by ``_rows`` in the table's column order, for ``_copy``."""
    return [row[column.name] for column in table.columns]


@dataclass
class _Plan:
    """What this run moves, with the local → server id of every record concerned."""

    marks: _Marks
    centre_ids: dict[int, int] = field(default_factory=dict)
    centres_matched: list[str] = field(default_factory=list)
    centres_created: list[str] = field(default_factory=list)
    visitor_ids: dict[int, int] = field(default_factory=dict)
    new_visitors: list[dict[str, Any]] = field(default_factory=list)
    known_visitors: int = 0
    visit_ids: dict[int, int] = field(default_factory=dict)
    visits: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    referrals_left: int = 0
    changed_since: int = 0
    audit: list[dict[str, Any]] = field(default_factory=list)
    accounts: dict[str, int] = field(default_factory=dict)  # server's, by login


def _used_centres(source: _Source, plan: _Plan) -> set[int]:
    used = {v["centre_id"] for v in plan.visits} | {r["centre_id"] for r in plan.referrals}
    return used | {a["centre_id"] for a in source.accounts if a["centre_id"] is not None}


def _map_centres(connection: Connection, source: _Source, plan: _Plan) -> None:
    """Each local centre used, to the server's centre of the same name — created if none."""
    server = {
        tuple(words(name)): centre_id
        for centre_id, name in connection.execute(select(Centre.id, Centre.name))
    }
    used = _used_centres(source, plan)
    for centre in source.centres:
        if centre["id"] not in used:
            continue
        match = server.get(tuple(words(centre["name"])))
        if match is None:
            match = connection.execute(
                insert(Centre)
                .values(
                    name=centre["name"],
                    commune=centre["commune"],
                    sector=centre["sector"],
                    active=bool(centre["active"]),
                    created_at=utc_now(),
                )
                .returning(Centre.id)
            ).scalar_one()
            server[tuple(words(centre["name"]))] = match
            plan.centres_created.append(centre["name"])
        else:
            plan.centres_matched.append(centre["name"])
        plan.centre_ids[centre["id"]] = match


def _map_visitors(connection: Connection, source: _Source, plan: _Plan) -> None:
    """People already on the server (by person_key) keep their record; the others get ids."""
    keys = [v["person_key"] for v in source.visitors]
    known: dict[str, int] = dict(
        connection.execute(
            text("SELECT person_key, id FROM visitor WHERE person_key = ANY(:keys)"),
            {"keys": keys},
        ).all()
    )
    if known and plan.marks.when is None:
        raise TransferError(
            f"{len(known)} personne(s) de cette base sont déjà sur le serveur, mais la base ne "
            "correspond à aucun transfert précédent (elle a changé depuis, ou c'est la copie "
            "d'une base déjà transférée) : la transférer à nouveau compterait des passages en "
            "double. Rien n'a été transféré."
        )
    fresh = [v for v in source.visitors if v["person_key"] not in known]
    for visitor in fresh:  # folded as this version does, as the duplicates panel compares
        if visitor["anonymised_at"] is None:
            visitor["search_name"] = search_name_of(visitor["first_name"], visitor["last_name"])
    for visitor, new_id in zip(fresh, _new_ids(connection, "visitor", len(fresh)), strict=True):
        plan.visitor_ids[visitor["id"]] = new_id
    plan.visitor_ids.update(
        (v["id"], known[v["person_key"]]) for v in source.visitors if v["person_key"] in known
    )
    plan.new_visitors, plan.known_visitors = fresh, len(source.visitors) - len(fresh)


def _check_catalogue(connection: Connection, referrals: list[dict[str, Any]]) -> None:
    """Every programme and contact of the referrals on the server, or nothing moves."""
    missing = []
    for column, table in (("programme_id", "programme"), ("contact_id", "contact")):
        wanted = sorted({r[column] for r in referrals if r[column] is not None})
        found = set(
            connection.execute(
                text(f"SELECT id FROM {table} WHERE id = ANY(:ids)"), {"ids": wanted}
            ).scalars()
        )
        label = "programmes" if table == "programme" else "contacts"
        absent = [i for i in wanted if i not in found]
        if absent:
            shown = ", ".join(absent[:20]) + (" …" if len(absent) > 20 else "")
            missing.append(f"{label} {shown}")
    if missing:
        raise TransferError(
            "Des orientations de la base locale citent des fiches du catalogue absentes du "
            f"serveur ({' ; '.join(missing)}) : importez ou créez-les sur le serveur (même "
            "identifiant), puis relancez. Rien n'a été transféré."
        )


def _changed_since(source: _Source, marks: _Marks) -> int:
    """Visits and referrals a previous transfer moved, changed locally after it (cancelled,
    corrected, a new status): a transfer adds rows, it does not replay changes."""
    if marks.when is None:
        return 0
    after = marks.when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f+00")  # as _rows gives
    visits = sum(v["id"] <= marks.visit and v["updated_at"] > after for v in source.visits)
    referrals = sum(
        r["id"] <= marks.referral and r["status_changed_at"] > after for r in source.referrals
    )
    return visits + referrals


def _plan(connection: Connection, source: _Source) -> _Plan:
    plan = _Plan(_previous_marks(connection, source))
    plan.visits = [v for v in source.visits if v["id"] > plan.marks.visit]
    plan.visit_ids = dict(
        zip(
            (v["id"] for v in plan.visits),
            _new_ids(connection, "visit", len(plan.visits)),
            strict=True,
        )
    )
    later = [r for r in source.referrals if r["id"] > plan.marks.referral]
    plan.referrals = [r for r in later if r["visit_id"] in plan.visit_ids]
    plan.referrals_left = len(later) - len(plan.referrals)
    plan.audit = [a for a in source.audit if a["id"] > plan.marks.audit]
    plan.changed_since = _changed_since(source, plan.marks)
    _check_catalogue(connection, plan.referrals)
    _map_visitors(connection, source, plan)
    plan.accounts = dict(connection.execute(select(StaffAccount.login, StaffAccount.id)).all())
    if plan.new_visitors or plan.visits or plan.referrals or plan.audit:
        _map_centres(connection, source, plan)  # centres are created only when rows move
    return plan


def _count_duplicates(connection: Connection, visitors: list[dict[str, Any]]) -> int:
    """New people with the name and birth year of someone already on the server (before this
    transfer's rows): the pairs Administration › Personnes en double lists."""
    named = [v for v in visitors if v["birth_year"] is not None and v["search_name"]]
    pairs = connection.execute(
        text(
            "SELECT DISTINCT search_name, birth_year FROM visitor WHERE merged_into_id IS "
            "NULL AND birth_year IS NOT NULL AND search_name = ANY(:names)"
        ),
        {"names": sorted({v["search_name"] for v in named})},
    ).all()
    found = {(name, year) for name, year in pairs}
    return sum((v["search_name"], v["birth_year"]) in found for v in named)


def _write_visitors(connection: Connection, plan: _Plan) -> int:
    """The new people, their name tokens computed as the application does; returns the
    number of tokens."""
    table: Table = Visitor.__table__  # type: ignore[assignment]
    rows: list[list[Any]] = []
    tokens: list[tuple[int, str]] = []
    for visitor in plan.new_visitors:
        row = dict(visitor)
        row["id"] = plan.visitor_ids[visitor["id"]]
        merged = visitor["merged_into_id"]
        row["merged_into_id"] = plan.visitor_ids.get(merged) if merged is not None else None
        if visitor["anonymised_at"] is None:
            tokens.extend(
                (row["id"], t)
                for t in sorted(name_tokens(visitor["first_name"], visitor["last_name"]))
            )
        rows.append(_values(table, row))
    _copy(connection, table, rows)
    _copy(connection, VisitorNameToken.__table__, tokens)  # type: ignore[arg-type]
    return len(tokens)


def _write_visits(connection: Connection, plan: _Plan) -> None:
    table: Table = Visit.__table__  # type: ignore[assignment]
    rows = []
    for visit in plan.visits:
        row = dict(visit)
        row["id"] = plan.visit_ids[visit["id"]]
        row["centre_id"] = plan.centre_ids[visit["centre_id"]]
        if visit["visitor_id"] is not None:
            row["visitor_id"] = plan.visitor_ids[visit["visitor_id"]]
        rows.append(_values(table, row))
    _copy(connection, table, rows)


def _write_referrals(connection: Connection, plan: _Plan) -> dict[int, int]:
    table: Table = Referral.__table__  # type: ignore[assignment]
    ids = dict(
        zip(
            (r["id"] for r in plan.referrals),
            _new_ids(connection, "referral", len(plan.referrals)),
            strict=True,
        )
    )
    taken = _references_taken(connection, [r["reference"] for r in plan.referrals])
    rows = []
    for referral in plan.referrals:
        row = dict(referral)
        while row["reference"] in taken:  # drawn alike by the server (rare): drawn again
            row["reference"] = new_reference()
        taken.add(row["reference"])
        row["id"] = ids[referral["id"]]
        row["visit_id"] = plan.visit_ids[referral["visit_id"]]
        row["centre_id"] = plan.centre_ids[referral["centre_id"]]
        rows.append(_values(table, row))
    _copy(connection, table, rows)
    return ids


def _references_taken(connection: Connection, references: list[str]) -> set[str]:
    """Those of ``references`` a referral of the server already has."""
    taken: set[str] = set()
    for start in range(0, len(references), 10_000):
        chunk = references[start : start + 10_000]
        taken.update(
            connection.execute(
                text("SELECT reference FROM referral WHERE reference = ANY(:refs)"),
                {"refs": chunk},
            ).scalars()
        )
    return taken


def _write_audit(
    connection: Connection, source: _Source, plan: _Plan, referral_ids: dict[int, int]
) -> None:
    """The local entries with their original times and actors; the account, and the records
    they name, those of the server when known (the local id kept otherwise)."""
    table: Table = AuditEntry.__table__  # type: ignore[assignment]
    maps = {"visitor": plan.visitor_ids, "visit": plan.visit_ids, "referral": referral_ids}
    local_logins = {a["id"]: a["login"] for a in source.accounts}
    ids = _new_ids(connection, "audit_entry", len(plan.audit))
    rows = []
    for entry, new_id in zip(plan.audit, ids, strict=True):
        details = {**(json.loads(entry["details"] or "{}") or {}), "base_locale": True}
        # The local chain's seal means nothing on the server (its key is the workstation's).
        row = dict(entry, id=new_id, details=json.dumps(details), chain_hash=None)
        row["account_id"] = plan.accounts.get(entry["actor"])
        kind, record = entry["record_type"], entry["record_id"]
        if kind in _RECORD_TYPES and record and record.isdigit():
            row["record_id"] = str(maps[_RECORD_TYPES[kind]].get(int(record), record))
        elif kind == "compte" and record and record.isdigit():
            server = plan.accounts.get(local_logins.get(int(record), ""))
            row["record_id"] = str(server) if server is not None else record
        rows.append(_values(table, row))
    _copy(connection, table, rows)


def _accounts_to_create(source: _Source, server: dict[str, int]) -> list[LocalAccount]:
    names = {c["id"]: c["name"] for c in source.centres}
    return [
        LocalAccount(a["login"], a["display_name"], a["role"], names.get(a["centre_id"]))
        for a in source.accounts
        if a["active"] and a["login"] not in server
    ]


def _write_marker(connection: Connection, source: _Source, report: TransferReport) -> None:
    """The transfer's own audit entry: also the marker a later run recognises."""
    marks = _Marks(
        _highest(source.centres),
        _highest(source.visits),
        _highest(source.referrals),
        _highest(source.audit),
    )
    user = connection.execute(text("SELECT current_user")).scalar_one()
    connection.execute(
        insert(AuditEntry).values(
            occurred_at=utc_now(),
            account_id=None,
            actor=str(user)[:80],
            action=TRANSFER_ACTION,
            record_type="base",
            record_id=Path(report.source).name[:80],
            details={
                "passages": report.visits,
                "orientations": report.referrals,
                "personnes": report.visitors,
                "entrees": report.audit_entries,
                "doublons_possibles": report.duplicates,
                "centres_crees": len(report.centres_created),
                "dernier_centre": marks.centre,
                "dernier_passage": marks.visit,
                "derniere_orientation": marks.referral,
                "derniere_entree": marks.audit,
                "empreinte": _fingerprint(source, marks),
            },
        )
    )


def _move(connection: Connection, source: _Source, report: TransferReport) -> TransferReport:
    """Everything written in the caller's transaction; the report of what was."""
    plan = _plan(connection, source)
    report = dataclasses.replace(
        report,
        previous_transfer=plan.marks.when,
        local_accounts=len(source.accounts),
        accounts_to_create=tuple(_accounts_to_create(source, plan.accounts)),
        referrals_left=plan.referrals_left,
        changed_since=plan.changed_since,
    )
    if not (plan.new_visitors or plan.visits or plan.referrals or plan.audit):
        return report
    duplicates = _count_duplicates(connection, plan.new_visitors)
    tokens = _write_visitors(connection, plan)
    _update_last_seen(connection, source, plan)
    _write_visits(connection, plan)
    referral_ids = _write_referrals(connection, plan)
    _write_audit(connection, source, plan, referral_ids)
    report = dataclasses.replace(
        report,
        visitors=len(plan.new_visitors),
        visitors_known=plan.known_visitors,
        tokens=tokens,
        visits=len(plan.visits),
        referrals=len(plan.referrals),
        audit_entries=len(plan.audit),
        centres_matched=tuple(plan.centres_matched),
        centres_created=tuple(plan.centres_created),
        duplicates=duplicates,
    )
    _write_marker(connection, source, report)
    return report


def _update_last_seen(connection: Connection, source: _Source, plan: _Plan) -> None:
    """People already on the server with new visits: their latest one, for the retention
    purge (only the rows it changes are written)."""
    fresh = {v["id"] for v in plan.new_visitors}
    again = {v["visitor_id"] for v in plan.visits} - fresh
    seen = [
        {"id": plan.visitor_ids[v["id"]], "seen": v["last_seen_at"]}
        for v in source.visitors
        if v["id"] in again and v["last_seen_at"] is not None
    ]
    if seen:
        connection.execute(
            text(
                "UPDATE visitor SET last_seen_at = CAST(:seen AS timestamptz) WHERE id = :id "
                "AND (last_seen_at IS NULL OR last_seen_at < CAST(:seen AS timestamptz))"
            ),
            seen,
        )


def _lock(connection: Connection) -> None:
    """One transfer at a time on a server: the second would not see the first's marker."""
    if not connection.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _TRANSFER_LOCK_KEY}
    ).scalar():
        raise TransferError(
            "Un autre transfert est en cours sur ce serveur : relancez celui-ci quand il sera "
            "fini. Rien n'a été transféré."
        )


def transfer(source_url: str, server_url: str, *, dry_run: bool = False) -> TransferReport:
    """Move the local database at ``source_url`` into the server at ``server_url`` (its
    owner's URL), all or nothing; ``dry_run``: the same work, rolled back."""
    started = time.perf_counter()
    path = source_path(source_url)
    if parse_database_url(server_url).get_backend_name() != "postgresql":
        raise TransferError(
            "--db attend l'adresse du serveur PostgreSQL de la fédération, avec son "
            "propriétaire : postgresql+psycopg://PROPRIÉTAIRE@serveur/base. Rien n'a été "
            "transféré."
        )
    source = read_source(path)
    db = owner_database(server_url)
    connected = False
    try:
        report = TransferReport(str(path), db.describe(), dry_run=dry_run)
        with db.engine.connect() as connection:
            connected = True
            with connection.begin() as transaction:
                _lock(connection)
                # A desk's statements are cut at 2 minutes; a big centre's COPY may take more.
                connection.exec_driver_sql("SET LOCAL statement_timeout = '30min'")
                _check_server(connection, db)
                report = _move(connection, source, report)
                if dry_run:
                    transaction.rollback()
    except (SADatabaseError, psycopg.Error) as exc:
        if not connected:
            raise DatabaseOpenError(
                f"{explain_open_failure(db, exc)} Rien n'a été transféré."
            ) from exc
        detail = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        raise TransferError(
            f"Le serveur a refusé le transfert ({detail}). La transaction a été annulée : "
            "rien n'a été transféré."
        ) from exc
    finally:
        db.dispose()
    return dataclasses.replace(report, seconds=time.perf_counter() - started)
