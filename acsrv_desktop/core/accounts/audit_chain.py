"""The SQLite audit trail, sealed: each entry's keyed hash chained to the previous entry's.

Whoever can write the SQLite file can drop the triggers that keep the trail append-only,
delete or edit entries and make the triggers again. Each entry therefore carries
``chain_hash`` = HMAC-SHA256(key, previous entry's ``chain_hash`` ‖ its own fields, id
included), computed in Python before the INSERT (the triggers refuse any UPDATE). The key —
32 random bytes per database — is kept outside the file, in a 0600 file of the user's
configuration folder (``journal/<chaîne>.cle``, in a 0700 folder), named by the chain's id
that the database holds (``app_setting`` ``journal.chaine``): a trail rewritten from the file
alone cannot be sealed again. (The user's keyring would do as well; it is not a dependency.)

- The chain starts with a sealed entry ``journal-scelle`` (at the first opening by this
  version, or of a new database) that says how many accounts the database had then: the
  command line acts as an administrator without an account only while the intact trail says
  the database never had one (``command_line_refusal``), whatever the accounts table holds.
- The legal purge deletes the oldest entries, a prefix of ids: its own sealed entry says
  where it stopped (``jusqu_a``) and the last deleted entry's hash (``empreinte``), from which
  the first remaining one follows, and restates whether the database ever had accounts.
- Entries are numbered without gaps (the next id is the highest plus one, read in the write
  transaction, BEGIN IMMEDIATE on SQLite): a missing number is a deleted entry.
- After each intact verification the workstation notes the newest entry (its id, hash and
  time) next to the key (``journal/<base>.ancre``): entries deleted from the end since then
  are found too, unless a sealed restore came after.

On PostgreSQL the server protects the trail with its own privileges and triggers
(``core/server``): no chain there, ``chain_hash`` stays NULL.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Text, delete, func, insert, select, text, type_coerce
from sqlalchemy.orm import Session

from acsrv_desktop import APP_NAME, ORGANISATION_NAME
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.database import Database, rows_changed
from acsrv_desktop.core.models import AppSetting, AuditEntry, StaffAccount
from acsrv_desktop.core.private_files import private_folder, write_private_text

log = logging.getLogger(__name__)

CHAIN_SETTING = "journal.chaine"
KEY_FOLDER = "journal"
SEAL_ACTION = "journal-scelle"
PURGE_ACTION = "journal-purge"
RESTORE_ACTION = "restauration"
ACCOUNT_CREATED = "compte-cree"
_CHAIN_ID = re.compile(r"^[0-9a-f]{32}$")
_HASH = re.compile(r"^[0-9a-f]{64}$")

# The triggers of migrations 0006 and 0007, as SQLite keeps their text (compared blank
# aside): one dropped, or made again to do nothing, is named.
PROTECTING_TRIGGERS = {
    "audit_entry_no_update": """
    CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'journal d''audit : une entrée ne se modifie pas'); END
    """,
    "audit_entry_no_delete": """
    CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    WHEN OLD.occurred_at >= datetime('now', '-12 months')
    BEGIN
        SELECT RAISE(ABORT, 'journal d''audit : une entrée de moins de 12 mois ne s''efface pas');
    END
    """,
    "audit_entry_no_replace": """
    CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry
    WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'journal d''audit : une entrée ne se remplace pas');
    END
    """,
}


def _blank_aside(sql: str | None) -> str:
    return " ".join((sql or "").split())


# --------------------------------------------------------------------------------------------
# The key and the workstation's anchor, outside the database file


def journal_folder() -> Path:
    """Where this workstation keeps the keys of the trails it sealed, and their anchors."""
    return Path(platformdirs.user_config_dir(APP_NAME, ORGANISATION_NAME)) / KEY_FOLDER


_KEYS: dict[Path, bytes] = {}  # read once per process (a key never changes)


def _key_path(chain: str) -> Path:
    return journal_folder() / f"{chain}.cle"


def load_key(chain: str) -> bytes | None:
    """The key of chain ``chain`` on this workstation, None when it is not here."""
    if not _CHAIN_ID.match(chain):
        return None  # never a path made of what the database says
    path = _key_path(chain)
    if path in _KEYS:
        return _KEYS[path]
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        log.warning("clé du journal d’audit illisible (%s) : %s", path.name, type(exc).__name__)
        return None
    if len(key) != 32:
        log.warning("clé du journal d’audit invalide : %s", path.name)
        return None
    _KEYS[path] = key
    return key


def _create_key(chain: str) -> bytes:
    folder = private_folder(journal_folder())
    key = secrets.token_bytes(32)
    path = folder / f"{chain}.cle"
    draft = folder / f".{chain}.{os.getpid()}.tmp"
    write_private_text(draft, key.hex() + "\n")
    os.replace(draft, path)
    _KEYS[path] = key
    return key


@dataclass(frozen=True)
class Anchor:
    """The newest entry of the trail as this workstation last found it intact."""

    chain: str
    entry_id: int
    chain_hash: str
    checked_at: datetime


def _anchor_path(db: Database) -> Path | None:
    path = db.sqlite_path
    if path is None:
        return None
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return journal_folder() / f"{digest[:32]}.ancre"


def read_anchor(db: Database) -> Anchor | None:
    path = _anchor_path(db)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(
            str(data["chaine"]),
            int(data["id"]),
            str(data["empreinte"]),
            datetime.fromisoformat(data["le"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ancre du journal d’audit illisible : %s", type(exc).__name__)
        return None


def _write_anchor(db: Database, anchor: Anchor) -> None:
    path = _anchor_path(db)
    if path is None:
        return
    data = {
        "chaine": anchor.chain,
        "id": anchor.entry_id,
        "empreinte": anchor.chain_hash,
        "le": anchor.checked_at.isoformat(),
    }
    try:
        private_folder(path.parent)
        draft = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        write_private_text(draft, json.dumps(data) + "\n")
        os.replace(draft, path)
    except OSError as exc:  # the chain is still checked; only truncation goes unseen
        log.warning("ancre du journal d’audit non enregistrée : %s", type(exc).__name__)


# --------------------------------------------------------------------------------------------
# The hash of an entry


def _genesis_value(chain: str) -> str:
    return f"genese:{chain}"


# The canonical JSON of the hashed fields: sorted keys, no blanks, characters as they are.
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def details_text(details: dict[str, Any]) -> str:
    """An entry's details as a sealed entry stores them: their canonical JSON, so that the
    verification hashes the stored text as it is (no decoding and encoding again)."""
    return _ENCODE(details)


def _message(previous: str, head: list[Any], details: str) -> bytes:
    """previous hash ‖ the canonical JSON array [id, occurred_at (ISO UTC), account_id, actor,
    action, record_type, record_id, details]; the details given as their canonical text."""
    return f"{previous}\n{_ENCODE(head)[:-1]},{details}]".encode("utf-8", "surrogatepass")


def entry_hash(
    key: bytes,
    previous: str,
    entry_id: int,
    occurred_at: datetime,
    account_id: int | None,
    actor: str,
    action: str,
    record_type: str | None,
    record_id: str | None,
    details: dict[str, Any],
) -> str:
    head = [
        entry_id,
        occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        account_id,
        actor,
        action,
        record_type,
        record_id,
    ]
    return hmac.digest(key, _message(previous, head, details_text(details)), "sha256").hex()


def _stored_moment(stored: Any) -> datetime:
    """An instant as SQLite holds it (naive UTC text); ValueError or TypeError when it is
    none (written through the file)."""
    moment = datetime.fromisoformat(stored)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _stored_iso(stored: Any) -> str:
    """The ISO UTC form of a stored instant, as ``entry_hash`` hashes it: SQLAlchemy writes
    « 2026-12-03 14:05:00.123456 » (the fast path), anything else is parsed."""
    if len(stored) == 26 and stored[10] == " ":
        return f"{stored[:10]}T{stored[11:]}+00:00"
    return _stored_moment(stored).isoformat(timespec="microseconds")


def _chain_id(session: Session) -> str | None:
    return session.scalar(select(AppSetting.value).where(AppSetting.key == CHAIN_SETTING))


def _newest(session: Session) -> tuple[int, str | None] | None:
    row = session.execute(
        select(AuditEntry.id, AuditEntry.chain_hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return None if row is None else (int(row[0]), row[1])


def seal(session: Session, values: dict[str, Any]) -> None:
    """``values`` of a new entry given its id and ``chain_hash`` (SQLite, once the chain has
    started): the next number, chained to the newest entry. In the caller's write
    transaction, BEGIN IMMEDIATE: no other writer comes between the read and the INSERT.
    Without the key on this workstation the entry is numbered but not sealed (NULL)."""
    chain = _chain_id(session)
    if chain is None:
        return  # a database not opened by this version yet: sealed from its first opening
    newest = _newest(session)
    values["id"] = (newest[0] if newest else 0) + 1
    key = load_key(chain)
    if key is None:
        return
    values["chain_hash"] = entry_hash(
        key, (newest[1] or "") if newest else "", **_hash_fields(values)
    )
    values["details"] = _as_stored(values["details"])


# --------------------------------------------------------------------------------------------
# The start of the chain


def ensure_sealed(db: Database, *, created: bool = False) -> None:
    """At each opening of an SQLite database (one SELECT when the chain has started): the
    chain started, with its key made on this workstation and its sealed first entry.

    ``created``: the database was made by this opening (from an empty file). Otherwise a
    database whose trail this workstation had checked, found without its seal, gets a new
    trail that says so (and does not say it never had an account)."""
    if not db.is_sqlite:
        return
    with db.read() as session:
        if _chain_id(session) is not None:
            return
    chain = secrets.token_hex(16)
    try:
        key = _create_key(chain)
    except OSError as exc:
        log.warning("journal d’audit non scellé (clé impossible à créer) : %s", exc)
        return
    # This workstation knew a sealed trail for this file (a new file at the same place is
    # just a new database: whoever removes the file leaves no data behind).
    previous = None if created else read_anchor(db)
    with db.write() as session:
        if _chain_id(session) is not None:
            return  # another opening sealed it meanwhile (its key is the one used)
        accounts = session.scalar(select(func.count()).select_from(StaffAccount)) or 0
        earlier = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        created = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == ACCOUNT_CREATED)
        )
        details: dict[str, Any] = {
            "chaine": chain,
            "comptes": accounts,
            "comptes_jamais": accounts == 0 and not created and previous is None,
            "entrees_anterieures": earlier,
        }
        if previous is not None:
            details["chaine_precedente"] = previous.chain
        session.add(AppSetting(key=CHAIN_SETTING, value=chain))
        session.flush()
        newest = _newest(session)
        values: dict[str, Any] = {
            "id": (newest[0] if newest else 0) + 1,
            "occurred_at": utc_now(),
            "account_id": None,
            "actor": "système (journal)",
            "action": SEAL_ACTION,
            "record_type": None,
            "record_id": None,
            "details": details,
        }
        values["chain_hash"] = entry_hash(key, _genesis_value(chain), **_hash_fields(values))
        values["details"] = _as_stored(details)
        session.execute(insert(AuditEntry).values(**values))
    _write_anchor(db, Anchor(chain, values["id"], values["chain_hash"], values["occurred_at"]))


def _as_stored(details: dict[str, Any]) -> Any:
    """The details for the INSERT as their canonical text, stored as it is (the JSON type
    would encode them its own way): what ``_walk`` hashes."""
    return type_coerce(details_text(details), Text)


def _hash_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "entry_id": values["id"],
        "occurred_at": values["occurred_at"],
        "account_id": values["account_id"],
        "actor": values["actor"],
        "action": values["action"],
        "record_type": values["record_type"],
        "record_id": values["record_id"],
        "details": values["details"],
    }


# --------------------------------------------------------------------------------------------
# Verification

INTACT = "intact"
BROKEN = "altere"
KEY_ABSENT = "cle-absente"
UNSEALED = "non-scelle"
SERVER = "serveur"

KEY_ABSENT_TEXT = "clé absente sur ce poste : le journal ne peut pas être vérifié ici"


def paris_text(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class ChainReport:
    """What a verification found, in French, and where the trail breaks."""

    state: str
    checked: int = 0  # sealed entries verified
    problems: tuple[str, ...] = ()
    broken_at: int | None = None  # the first entry found wrong (or next to a missing one)
    broken_on: datetime | None = None
    notice: str | None = None  # intact, with something to know
    never_had_accounts: bool = False  # as the intact, sealed trail says
    newest: tuple[int, str] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.state in (INTACT, SERVER)

    def describe(self) -> str:
        if self.state == SERVER:
            return "Journal protégé par le serveur (droits et déclencheurs du serveur)."
        if self.state == INTACT:
            said = f"Journal intègre ({self.checked} entrées vérifiées)."
            return f"{said} {self.notice}" if self.notice else said
        if self.state == KEY_ABSENT:
            return f"Journal d’audit : {KEY_ABSENT_TEXT}."
        if self.state == UNSEALED:
            return "Journal d’audit non scellé : " + " ; ".join(self.problems) + "."
        return "Journal d’audit altéré : " + " ; ".join(self.problems) + "."


@dataclass
class _Walk:
    checked: int = 0
    problem: str | None = None
    broken_at: int | None = None
    broken_on: datetime | None = None
    never: bool | None = None
    newest: tuple[int, str] | None = None
    last_restore: datetime | None = None
    reseal: str | None = None  # the genesis says the trail before it vanished


def _at(entry_id: int, stored: Any) -> str:
    return f"entrée n° {entry_id} du {paris_text(_stored_moment(stored))}"


def _break(walk: _Walk, entry_id: int, stored: Any, what: str) -> _Walk:
    walk.problem, walk.broken_at, walk.broken_on = what, entry_id, _stored_moment(stored)
    return walk


def _purge_marks(session: Session) -> dict[int, str]:
    """What each purge recorded: the last entry it deleted → that entry's hash."""
    marks: dict[int, str] = {}
    for details in session.scalars(
        select(AuditEntry.details).where(AuditEntry.action == PURGE_ACTION)
    ):
        if isinstance(details, dict) and isinstance(details.get("jusqu_a"), int):
            marks[details["jusqu_a"]] = str(details.get("empreinte") or "")
    return marks


def _details(stored: Any) -> dict[str, Any]:
    details = json.loads(stored)
    return details if isinstance(details, dict) else {}


# Read as SQLite holds them (no conversion per row): the text hashed is the text stored.
_ROWS = (
    "SELECT id, occurred_at, account_id, actor, action, record_type, record_id, details, "
    "chain_hash FROM audit_entry ORDER BY id"
)


def _walk(session: Session, chain: str, key: bytes) -> _Walk:
    walk = _Walk()
    previous_id: int | None = None
    previous_at: Any = None
    expected = ""
    unsealed_first: tuple[int, Any] | None = None
    digest, same, message = hmac.digest, hmac.compare_digest, _message
    for row in session.connection().exec_driver_sql(_ROWS):
        entry_id, at, account_id, actor, action, record_type, record_id, details, sealed = row
        if previous_id is None:
            if sealed is None:  # written before this version sealed the trail
                unsealed_first = unsealed_first or (entry_id, at)
                continue
            said = _details(details)
            if action == SEAL_ACTION and said.get("chaine") == chain:
                expected = _genesis_value(chain)
                walk.never = bool(said.get("comptes_jamais"))
                if said.get("chaine_precedente"):
                    walk.reseal = paris_text(_stored_moment(at))
            elif unsealed_first is not None:
                return _break(
                    walk,
                    entry_id,
                    at,
                    f"{_at(entry_id, at)} : l’entrée qui scellait le journal a disparu",
                )
            else:
                marks = _purge_marks(session)
                if entry_id - 1 not in marks:
                    return _break(
                        walk,
                        entry_id,
                        at,
                        f"{_at(entry_id, at)} : les entrées qui la précédaient ont été "
                        "supprimées hors de la purge légale",
                    )
                expected = marks[entry_id - 1]
        else:
            if entry_id != previous_id + 1:
                missing = (
                    f"entrée n° {previous_id + 1} supprimée"
                    if entry_id == previous_id + 2
                    else f"entrées n° {previous_id + 1} à {entry_id - 1} supprimées"
                )
                return _break(
                    walk,
                    entry_id,
                    at,
                    f"{missing} (entre l’{_at(previous_id, previous_at)} et l’{_at(entry_id, at)})",
                )
            if sealed is None:
                return _break(
                    walk,
                    entry_id,
                    at,
                    f"{_at(entry_id, at)} : non scellée (écrite hors de l’application, ou sur "
                    "un poste sans la clé du journal)",
                )
        head = [entry_id, _stored_iso(at), account_id, actor, action, record_type, record_id]
        if not same(digest(key, message(expected, head, details), "sha256").hex(), str(sealed)):
            return _break(walk, entry_id, at, f"{_at(entry_id, at)} : modifiée, ou remplacée")
        if action == ACCOUNT_CREATED:
            walk.never = False
        elif action == PURGE_ACTION:
            said = _details(details)
            if "comptes_jamais" in said:
                never = bool(said["comptes_jamais"])
                walk.never = never if walk.never is None else walk.never and never
        elif action == RESTORE_ACTION:
            walk.last_restore = _stored_moment(at)
        expected, previous_id, previous_at = sealed, entry_id, at
        walk.checked += 1
    if previous_id is None:
        if unsealed_first is None:
            walk.problem = "aucune entrée : le journal a été vidé"
        else:
            _break(walk, *unsealed_first, "l’entrée qui scellait le journal a disparu")
        return walk
    walk.newest = (previous_id, expected)
    return walk


def _trigger_problems(session: Session) -> list[str]:
    found = {
        str(name): sql
        for name, sql in session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
    }
    missing = [name for name in PROTECTING_TRIGGERS if name not in found]
    changed = [
        name
        for name, sql in PROTECTING_TRIGGERS.items()
        if name in found and _blank_aside(found[name]) != _blank_aside(sql)
    ]
    problems = []
    if missing:
        problems.append(f"déclencheurs de protection absents : {', '.join(missing)}")
    if changed:
        problems.append(f"déclencheurs de protection modifiés : {', '.join(changed)}")
    return problems


def _anchor_problem(walk: _Walk, anchor: Anchor | None, chain: str) -> str | None:
    """Entries deleted from the end since this workstation last found the trail intact."""
    if anchor is None or anchor.chain != chain or walk.newest is None:
        return None
    if walk.last_restore is not None and walk.last_restore > anchor.checked_at:
        return None  # a restore (sealed) since: the entries after the backup went with it
    newest_id = walk.newest[0]
    if anchor.entry_id > newest_id:
        return (
            f"entrées effacées depuis la vérification du {paris_text(anchor.checked_at)} sur ce "
            f"poste : la n° {anchor.entry_id} manque, le journal s’arrête à la n° {newest_id}"
        )
    return None


def _anchored_entry_changed(session: Session, anchor: Anchor | None, chain: str) -> Any:
    if anchor is None or anchor.chain != chain:
        return None
    row = session.execute(
        select(AuditEntry.id, AuditEntry.occurred_at, AuditEntry.chain_hash).where(
            AuditEntry.id == anchor.entry_id
        )
    ).first()
    if row is None or row.chain_hash == anchor.chain_hash:
        return None
    return row


def check(session: Session, db: Database) -> ChainReport:
    """The trail of ``db`` checked in ``session`` (read, or the purge's write transaction)."""
    problems = _trigger_problems(session)
    chain = _chain_id(session)
    anchor = read_anchor(db)
    if chain is None:
        if anchor is not None:
            problems.append(
                "le scellement du journal a été retiré de la base (ce poste l’avait vérifié "
                f"le {paris_text(anchor.checked_at)})"
            )
            return ChainReport(BROKEN, problems=tuple(problems))
        problems.append("la base n’a pas encore été ouverte par cette version")
        return ChainReport(UNSEALED, problems=tuple(problems))
    key = load_key(chain)
    if key is None and anchor is not None and anchor.chain != chain:
        # Not a database come from elsewhere: this workstation checked this file's trail,
        # under another chain (whose key it holds).
        problems.append(
            "la base ne porte plus le journal que ce poste a vérifié le "
            f"{paris_text(anchor.checked_at)} (son identifiant de chaîne a changé)"
        )
        return ChainReport(BROKEN, problems=tuple(problems))
    if key is None:
        return ChainReport(KEY_ABSENT, problems=tuple(problems))
    try:
        walk = _walk(session, chain, key)
    except (ValueError, TypeError) as exc:  # a value the application never writes (a date
        # that is no date, details that are no JSON), put there through the file
        log.warning("journal d’audit illisible : %s", type(exc).__name__)
        return ChainReport(BROKEN, problems=(*problems, UNREADABLE))
    if walk.problem is None:
        changed = _anchored_entry_changed(session, anchor, chain)
        restored = walk.last_restore is not None and (
            anchor is not None and walk.last_restore > anchor.checked_at
        )
        if changed is not None and not restored:
            assert anchor is not None
            walk.problem = (
                f"entrée n° {changed.id} du {paris_text(changed.occurred_at)} : changée depuis "
                f"la vérification du {paris_text(anchor.checked_at)} sur ce poste (entrées "
                "effacées puis réécrites)"
            )
            walk.broken_at, walk.broken_on = changed.id, changed.occurred_at
        else:
            walk.problem = _anchor_problem(walk, anchor, chain)
    if walk.problem is not None:
        problems.append(walk.problem)
    notice = None
    if walk.reseal is not None:
        notice = (
            f"Scellé à nouveau le {walk.reseal} : le journal précédent de cette base, que ce "
            "poste avait vérifié, a disparu (base remplacée ou journal vidé)."
        )
    return ChainReport(
        BROKEN if problems else INTACT,
        checked=walk.checked,
        problems=tuple(problems),
        broken_at=walk.broken_at,
        broken_on=walk.broken_on,
        notice=notice,
        never_had_accounts=not problems and walk.never is True,
        newest=walk.newest,
    )


UNREADABLE = (
    "une entrée du journal est illisible (sa date ou ses détails ont été écrits hors de "
    "l’application)"
)


def verify(db: Database, *, remember: bool = True) -> ChainReport:
    """Whether the triggers are there and the chain intact, and where it breaks. Qt-free;
    run off the GUI thread (bench/bench_audit_chain.py measures it). An intact trail is
    anchored on this workstation (``remember``)."""
    if not db.is_sqlite:
        return ChainReport(SERVER)
    with db.read() as session:
        report = check(session, db)
        chain = _chain_id(session)
    if remember and report.state == INTACT and report.newest is not None and chain:
        _write_anchor(db, Anchor(chain, *report.newest, utc_now()))
    return report


# --------------------------------------------------------------------------------------------
# The command line's administrator without an account


def command_line_refusal(db: Database, login_hint: str) -> str | None:
    """None when the command line may act as the administrator without an account: on
    SQLite, a database whose intact, sealed trail says it never had one — whatever its
    accounts table holds now. Otherwise the French refusal (``login_hint`` says how to
    sign in)."""
    if not db.is_sqlite:
        return None  # the server's own roles and privileges decide there (core/server)
    report = verify(db)
    if report.never_had_accounts:
        return None
    if report.state == KEY_ABSENT:
        return (
            f"Journal d’audit de cette base : {KEY_ABSENT_TEXT} ; rien ne prouve qu’elle n’a "
            f"jamais eu de comptes : {login_hint}."
        )
    if report.state == INTACT:
        return (
            "Cette base a eu des comptes (son journal d’audit scellé le dit) : "
            f"{login_hint}. Si ses comptes ont disparu, restaurez une sauvegarde "
            "(acsrv-desktop restore)."
        )
    return (
        f"{report.describe()} La ligne de commande n’agit pas sans compte sur cette base : "
        f"{login_hint}, ou restaurez une sauvegarde (acsrv-desktop restore)."
    )


def first_administrator_refusal(session: Session, db: Database) -> str | None:
    """Why the set-up wizard's first administrator may not be made on this SQLite database
    though it has no account (None when it may): its trail, intact, says it had accounts
    (the table was emptied), or its trail is altered. A trail this workstation cannot check
    (no key here: a database come from elsewhere) does not stop it."""
    report = check(session, db)
    if report.state == BROKEN:
        return (
            f"{report.describe()} Le premier compte d’administration ne se crée pas sur cette "
            "base : restaurez une sauvegarde (acsrv-desktop restore)."
        )
    if report.state == INTACT and not report.never_had_accounts:
        return (
            "Cette base a eu des comptes (son journal d’audit scellé le dit) : ses comptes ont "
            "disparu, le premier compte d’administration ne se crée pas une seconde fois. "
            "Restaurez une sauvegarde (acsrv-desktop restore)."
        )
    return None


# --------------------------------------------------------------------------------------------
# The legal purge


def purge_prefix(session: Session, db: Database, limit: datetime) -> dict[str, Any] | None:
    """Delete the oldest entries (before ``limit``), a prefix of ids, in the caller's write
    transaction; returns the details of the purge's own entry (None if nothing was deleted).

    The prefix stops at the first entry younger than ``limit``, and before the first entry
    found wrong (its evidence is kept). The purge's entry says where it stopped and the last
    deleted entry's hash (the first kept one follows from it), and restates whether the
    database ever had accounts (its first entry, which said it, may be among those deleted).
    """
    if session.scalar(select(AuditEntry.id).where(AuditEntry.occurred_at < limit).limit(1)) is None:
        return None  # nothing old enough: no walk of the chain under the write lock
    report = check(session, db) if _chain_id(session) is not None else None
    newest = _newest(session)
    if newest is None:
        return None
    # The newest entry always stays: the numbering, and the chain, go on from it.
    bound = newest[0]
    young = session.scalar(select(func.min(AuditEntry.id)).where(AuditEntry.occurred_at >= limit))
    if young is not None:
        bound = min(bound, young)
    if report is not None and report.broken_at is not None:
        bound = min(bound, report.broken_at)
    last = session.execute(
        select(AuditEntry.id, AuditEntry.chain_hash)
        .where(AuditEntry.id < bound)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return None
    count = rows_changed(
        session, delete(AuditEntry).where(AuditEntry.id < bound, AuditEntry.occurred_at < limit)
    )
    if not count:
        return None
    details: dict[str, Any] = {"supprimees": count, "jusqu_a": int(last.id)}
    if report is not None:
        if last.chain_hash is not None and _HASH.match(last.chain_hash):
            details["empreinte"] = last.chain_hash
        details["comptes_jamais"] = report.never_had_accounts
    return details
