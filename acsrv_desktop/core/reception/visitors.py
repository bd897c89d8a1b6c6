"""Visitors: lookup by a few letters of the name, creation, correction, duplicates, merge."""

from __future__ import annotations

import threading
import time
import uuid
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any, Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.clock import paris_today, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Visit, Visitor, VisitorNameToken
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.core.reception.profile import (
    BRACKET_RANGES,
    CleanVisitor,
    VisitorInput,
    age_on,
    validate_visitor,
)
from acsrv_desktop.core.text import fold, words

LOOKUP_LIMIT = 20
MIN_LETTERS = 2  # one letter would list a tenth of the visitors
CANDIDATES = 10_000  # names of the rarest word above which the lookup always walks by recency
CLOSE_TOKENS = 25  # close spellings kept per typed word, the closest first
CLOSE_SORTED = 1_000  # close spellings sorted by recency in SQL up to this many candidates
CLOSE_SAMPLE = 100  # beyond, the first ones found
# Several words whose rarest has more names than this: a sample of those names is checked for
# the other words before the plan is chosen (narrowing all of them costs ~1 µs per name).
SAMPLE_FROM = 1_000
SAMPLED = 200
TOKENS_RELOAD_S = 600.0  # exact counts again (they only choose a query plan in between)
TOKENS_CHECK_S = 1.0  # records made or renamed elsewhere are looked for at most this often
CLOCK_MARGIN = timedelta(minutes=10)  # the other workstations' clocks may be this far behind


@dataclass(frozen=True)
class SeenElsewhere:
    """Someone seen only at other centres: what tells them apart, nothing more."""

    visitor_id: int
    first_name: str
    last_initial: str | None
    birth_year: int | None
    centres: str | None
    last_seen_at: datetime | None

    @property
    def display_name(self) -> str:
        initial = f" {self.last_initial}." if self.last_initial else ""
        return f"{self.first_name}{initial}"


@dataclass(frozen=True)
class VisitorView:
    id: int
    first_name: str
    last_name: str | None
    birth_year: int | None
    age_bracket: str | None
    gender: str | None
    commune: str | None
    sector: str | None
    situations: tuple[str, ...]
    consent: bool
    last_seen_at: datetime | None
    person_key: str = ""  # stable across restores and merges of ids: who the record is

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def age_on(self, day: date) -> int | None:
        """The age counted in ``day``'s year (core's one rule: ``profile.age_on``)."""
        return age_on(self.birth_year, day)

    def age_range(self) -> tuple[int, int] | None:
        return BRACKET_RANGES.get(self.age_bracket or "")

    def as_input(self) -> VisitorInput:
        return VisitorInput(
            self.first_name,
            self.last_name,
            self.birth_year,
            self.age_bracket,
            self.gender,
            self.commune,
            self.situations,
            self.consent,
            # A commune saved before the list was enforced, or confirmed then, stays valid.
            commune_outside=load_communes().in_arrondissement(self.commune) is False,
        )


def view(row: Visitor) -> VisitorView:
    return VisitorView(
        row.id,
        row.first_name,
        row.last_name,
        row.birth_year,
        row.age_bracket,
        row.gender,
        row.commune,
        row.sector,
        tuple(row.situations),
        row.consent,
        row.last_seen_at,
        row.person_key,
    )


def visitor_label(visitor: Visitor | None, *, with_year: bool = False) -> str:
    """How a visit's person is shown in lists (the birth year tells namesakes apart)."""
    if visitor is None:
        return "Passage anonyme"
    name = f"{visitor.first_name} {visitor.last_name or ''}".strip()
    return f"{name} ({visitor.birth_year})" if with_year and visitor.birth_year else name


def search_name_of(first: str, last: str | None) -> str:
    """The folded « first last » that namesakes (possible duplicates) share."""
    return fold(f"{first} {last or ''}".strip())


def name_tokens(first: str, last: str | None) -> set[str]:
    """The rows of ``visitor_name_token`` for these names: what the lookup finds them by."""
    return {t[:100] for t in words(f"{first} {last or ''}")}


# A word of the lookup: a typed prefix (str), or the name tokens spelt close to it (tuple).
Term = str | tuple[str, ...]


def max_typos(word: str) -> int:
    """Typos forgiven in a typed word: none under 3 letters, one up to 4, two from 5."""
    return 0 if len(word) < 3 else (1 if len(word) <= 4 else 2)


@dataclass
class _NameTokens:
    """The distinct name tokens of one database, in memory: far fewer than the visitors.

    Every token of every record is held, so a typed word that no held token starts with is
    answered without a query. Kept so cheaply: the records created or renamed in this process
    add their tokens at once (``apply_profile``); those created or renamed on other
    workstations are read at most every TOKENS_CHECK_S, by visitor id above the highest one
    seen and by the time of their last change (indexes); a full reload every TOKENS_RELOAD_S
    makes the counts exact again. A token that no longer exists only costs a query that finds
    nobody.
    """

    known: set[str] = field(default_factory=set)
    by_length: dict[int, list[str]] = field(default_factory=dict)
    # Names per token: an estimate (exact at each full load), enough to choose a query plan
    # without counting rows of the token index at every keystroke.
    counts: dict[str, int] = field(default_factory=dict)
    _sorted: list[str] | None = None  # the tokens in order, with running totals of counts
    _sums: list[int] = field(default_factory=list)
    last_visitor_id: int = 0
    # Records with names (not anonymised): the lookup's plan weighs each word's share of
    # them. Exact at each full load; the recent visitors walked by the lookup are all named.
    people: int = 1
    loaded_at: float | None = None  # time.monotonic() of the last full load
    checked_at: float = 0.0  # time.monotonic() of the last look for changes
    synced_at: datetime = datetime.min.replace(tzinfo=UTC)  # wall clock of that look
    # Per typed length L: each distinct start t[:L] of the longer tokens, with those tokens.
    _starts: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    _close: dict[str, dict[str, int]] = field(default_factory=dict)  # answers, per word
    # What close_to compares a word with, per range of lengths (whole tokens) or per length
    # (starts of longer ones): listed once, not at every keystroke, until the tokens change.
    _choices: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    _start_choices: dict[int, list[str]] = field(default_factory=dict)

    def add(self, tokens: Iterable[str], counted: dict[str, int] | None = None) -> None:
        new = [t for t in tokens if t not in self.known]
        if not new:
            return  # the counts of known tokens are refreshed by the next full load
        for token in new:
            self.counts[token] = counted.get(token, 1) if counted else 1
        self._sorted = None
        self.known.update(new)
        self._close.clear()
        self._choices.clear()
        self._start_choices.clear()
        for token in new:
            self.by_length.setdefault(len(token), []).append(token)
            for length, starts in self._starts.items():
                if len(token) > length:
                    starts.setdefault(token[:length], []).append(token)

    def refresh(self, session: Session) -> None:
        if self.loaded_at is None or time.monotonic() - self.loaded_at > TOKENS_RELOAD_S:
            self.known, self.by_length, self._starts, self._close = set(), {}, {}, {}
            self.counts, self._choices, self._start_choices = {}, {}, {}
            counted = dict(
                session.execute(
                    select(VisitorNameToken.token, func.count()).group_by(VisitorNameToken.token)
                ).all()
            )
            self.add(counted, counted)
            for length in range(4, 13):  # the starts of longer names, built once per load
                self._starts_of(length)
            highest = session.scalar(select(func.max(VisitorNameToken.visitor_id)))
            self.last_visitor_id = highest or 0
            named = select(func.count()).where(Visitor.anonymised_at.is_(None))  # partial index
            self.people = max(1, session.scalar(named) or 0)
            self.loaded_at = self.checked_at = time.monotonic()
            self.synced_at = utc_now()
            return
        if time.monotonic() - self.checked_at < TOKENS_CHECK_S:
            return  # a record made elsewhere a moment ago is seen at the next keystroke
        self.checked_at = time.monotonic()
        self._read_changes(session)

    def _read_changes(self, session: Session) -> None:
        """The tokens of the records created (by id) or renamed (by the time of their last
        change, with a margin for the other workstations' clocks) since the last look."""
        since = self.synced_at - CLOCK_MARGIN
        self.synced_at = utc_now()
        # ">=": SQLite may give a deleted highest id again to the next record.
        created = session.execute(
            select(VisitorNameToken.visitor_id, VisitorNameToken.token).where(
                VisitorNameToken.visitor_id >= self.last_visitor_id
            )
        ).all()
        renamed = session.scalars(
            select(VisitorNameToken.token)
            .join(Visitor, Visitor.id == VisitorNameToken.visitor_id)
            .where(Visitor.updated_at >= since)
        ).all()
        self.add([token for _, token in created] + list(renamed))
        if created:
            self.last_visitor_id = max(visitor_id for visitor_id, _ in created)

    def count(self, term: Term) -> int:
        """How many names carry ``term`` (a typed prefix, or close tokens), from memory."""
        if not isinstance(term, str):
            return sum(self.counts.get(token, 0) for token in term)
        ordered = self._ordered()
        low = bisect_left(ordered, term)
        high = bisect_left(ordered, _next_prefix(term))
        return self._sums[high] - self._sums[low]

    def _ordered(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
            self._sums = list(accumulate((self.counts[t] for t in self._sorted), initial=0))
        return self._sorted

    def _spelt_as_typed(self, word: str) -> list[str]:
        """The tokens at no edit from the word, as ``close_to`` compares them (the whole
        token, or the start of a longer one from 4 letters), in order, CLOSE_TOKENS at most."""
        ordered = self._ordered()
        first = bisect_left(ordered, word)  # the word itself if it is a token, then its longer
        if len(word) < 4:
            return [word] if ordered[first : first + 1] == [word] else []
        following = ordered[first : first + CLOSE_TOKENS]
        return [token for token in following if token.startswith(word)]

    def _starts_of(self, length: int) -> dict[str, list[str]]:
        starts = self._starts.get(length)
        if starts is None:
            starts = self._starts[length] = {}
            for size, tokens in self.by_length.items():
                if size > length:
                    for token in tokens:
                        starts.setdefault(token[:length], []).append(token)
        return starts

    def close_to(self, word: str) -> dict[str, int]:
        """The tokens closest to the word, within ``max_typos(word)`` edits of it or of the
        start of a longer token (« fatim » for fatima, while typing), with their distance.

        Compared: the whole tokens up to ``len(word) + max_typos`` letters, and the distinct
        starts of the longer ones (the word being typed); the answer for a word is kept
        until the tokens change, so the words typed before the last one cost nothing.
        """
        answer = self._close.get(word)
        if answer is not None:
            return answer
        limit = max_typos(word)
        found: dict[str, int] = {}
        exact = self._spelt_as_typed(word) if limit else []
        if exact:  # spelt as typed: nothing is closer (the answer of the comparisons below)
            found = dict.fromkeys(exact, 0)
        elif limit:
            # More than ``limit`` letters apart in length is more than ``limit`` edits apart.
            sizes = (max(1, len(word) - limit), len(word) + limit)
            whole = self._choices.get(sizes)
            if whole is None:
                lengths = range(sizes[0], sizes[1] + 1)
                whole = self._choices[sizes] = [
                    t for n in lengths for t in self.by_length.get(n, ())
                ]
            for token, distance, _ in self._extract(word, whole, limit):
                found[token] = distance
            if len(word) >= 4:  # the start of a longer name: « fatim »; 3 letters say too little
                starts = self._starts_of(len(word))
                listed = self._start_choices.get(len(word))
                if listed is None:
                    listed = self._start_choices[len(word)] = list(starts)
                for start, distance, _ in self._extract(word, listed, limit):
                    for token in starts[start]:
                        found[token] = min(found.get(token, limit), distance)
        # Only the closest: « dupond » is dupont (one edit), not also every name two edits away.
        best = min(found.values(), default=0)
        closest = sorted(t for t, distance in found.items() if distance == best)
        answer = {token: best for token in closest[:CLOSE_TOKENS]}
        if len(self._close) > 1000:
            self._close.clear()
        self._close[word] = answer
        return answer

    @staticmethod
    def _extract(word: str, choices: list[str], limit: int) -> list[tuple[str, int, int]]:
        return process.extract(
            word, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=CLOSE_TOKENS
        )


# One per database, by its URL: a SQLite database has a read engine and a write engine.
_TOKENS: dict[str, _NameTokens] = {}
_TOKENS_LOCK = threading.Lock()


def _database_key(session: Session) -> str:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return engine.url.render_as_string(hide_password=True)


def designated_visitor(typed: str, found: Sequence[VisitorView]) -> VisitorView | None:
    """The person Entrée may open straight from the search field, or None (Entrée then moves
    into the list, where staff choose with ↓/↑ and Entrée).

    One person is designated only when all of these hold:

    - the lookup found exactly one record, by the names as typed (not a close spelling);
    - the typed words are that person's whole name: each typed word is a word of the
      folded name and each word of the name was typed (« kevin dupont » designates
      Kévin DUPONT, not Jean-Kévin DUPONT; « kev dup » designates nobody);
    - first name and last name were both given, and the record has both.

    A namesake not yet on file is always possible: the birth year and the commune shown
    once the record is open tell staff if it is the wrong person.
    """
    if len(found) != 1 or not found[0].last_name:
        return None
    person = found[0]
    typed_words = set(words(typed))
    first, last = set(words(person.first_name)), set(words(person.last_name or ""))
    return (
        person
        if typed_words == first | last and typed_words & first and typed_words & last
        else None
    )


@dataclass(frozen=True)
class Lookup:
    """What the visitor search found for the words typed."""

    typed: str
    visitors: list[VisitorView]
    close_spellings: bool = False  # nobody as typed: these names are spelt close to it

    @property
    def designated(self) -> VisitorView | None:
        return None if self.close_spellings else designated_visitor(self.typed, self.visitors)


def _next_prefix(prefix: str) -> str:
    """The smallest string above every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def apply_profile(session: Session, row: Visitor, clean: CleanVisitor) -> None:
    row.first_name, row.last_name = clean.first_name, clean.last_name
    row.birth_year, row.age_bracket, row.gender = clean.birth_year, clean.age_bracket, clean.gender
    row.commune, row.sector = clean.commune, clean.sector
    row.situations, row.consent = list(clean.situations), clean.consent
    row.search_name = search_name_of(clean.first_name, clean.last_name)
    session.flush()
    tokens = name_tokens(clean.first_name, clean.last_name)
    replace_name_tokens(session, row.id, tokens)
    _remember_tokens(session, tokens)


def _remember_tokens(session: Session, tokens: set[str]) -> None:
    """Words this workstation's lookup now finds (without waiting for its next reload)."""
    cached = _TOKENS.get(_database_key(session))
    if cached is not None:
        with _TOKENS_LOCK:
            cached.add(tokens)


def replace_name_tokens(session: Session, visitor_id: int, tokens: set[str]) -> None:
    """The lookup's words of a visitor, replaced. On the server through the owner's function:
    no staff login holds DELETE there (it would let it LOCK the table and stall the desks)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT acsrv_replace_name_tokens(:visitor, :tokens)"),
            {"visitor": visitor_id, "tokens": sorted(tokens)},
        )
        return
    session.execute(delete(VisitorNameToken).where(VisitorNameToken.visitor_id == visitor_id))
    session.add_all(VisitorNameToken(visitor_id=visitor_id, token=t) for t in tokens)


def forget_name_tokens(session: Session, visitor_ids: list[int]) -> None:
    """The lookup's words of records just anonymised, removed (on the server through the
    owner's function, which removes only anonymised records' words)."""
    if session.get_bind().dialect.name == "postgresql":
        session.flush()  # the records' anonymisation first: the function checks it
        session.execute(
            text("SELECT acsrv_forget_name_tokens(:visitors)"), {"visitors": visitor_ids}
        )
        return
    session.execute(delete(VisitorNameToken).where(VisitorNameToken.visitor_id.in_(visitor_ids)))


def delete_visitor(session: Session, row: Visitor) -> None:
    """A record erased or merged away. On the server through the owner's function: no staff
    login holds DELETE on the table (it would let it LOCK the table)."""
    if session.get_bind().dialect.name != "postgresql":
        session.delete(row)
        return
    session.flush()
    session.execute(text("SELECT acsrv_delete_visitor(:id)"), {"id": row.id})
    session.expunge(row)


def new_visitor(session: Session, clean: CleanVisitor) -> Visitor:
    row = Visitor(person_key=str(uuid.uuid4()), first_name=clean.first_name, search_name="")
    session.add(row)
    session.flush()
    apply_profile(session, row, clean)
    return row


def _prefixes(typed: str) -> list[str]:
    """The words looked up: the 5 longest, none if fewer than MIN_LETTERS letters in all."""
    prefixes = sorted({w[:100] for w in words(typed)}, key=len, reverse=True)[:5]
    return prefixes if sum(map(len, prefixes)) >= MIN_LETTERS else []


def _closest_first(found: list[VisitorView], close: list[dict[str, int]]) -> list[VisitorView]:
    """Close spellings sorted by edits from what was typed, then by recency (stable sort)."""

    def edits(visitor: VisitorView) -> int:
        tokens = set(words(f"{visitor.first_name} {visitor.last_name or ''}"))
        return sum(min((d for t, d in word.items() if t in tokens), default=9) for word in close)

    return sorted(found, key=edits)


# -- the lookup's statements ------------------------------------------------------------------
# Built once per shape (plan, kind of each word, backend, limit) and run with bound values: a
# keystroke neither builds nor compiles SQL. Core columns, not ORM objects: a lookup reads the
# columns of VisitorView and nothing else.

_VISITOR: FromClause = Visitor.__table__
_TOKEN: FromClause = VisitorNameToken.__table__
_VIEW_COLUMNS = tuple(
    _VISITOR.c[name]
    for name in (
        "id",
        "first_name",
        "last_name",
        "birth_year",
        "age_bracket",
        "gender",
        "commune",
        "sector",
        "situations",
        "consent",
        "last_seen_at",
        "person_key",
    )
)


def _view_of(row: Sequence[Any]) -> VisitorView:
    """A record read by a lookup (the columns ``_VIEW_COLUMNS``, in their order)."""
    visitor_id, first, last, year, bracket, gender, commune, sector = row[:8]
    situations, consent, last_seen_at, person_key = row[8:]
    return VisitorView(
        visitor_id,
        first,
        last,
        year,
        bracket,
        gender,
        commune,
        sector,
        tuple(situations),
        consent,
        last_seen_at,
        person_key,
    )


# "index": the rarest word's names picked on the token index, narrowed there by the other
# words, then read and sorted; "walk": the visitors from the most recent, on the index of the
# last visit, until ``limit`` of them carry every word.
Plan = Literal["index", "walk"]
# Per word, rarest first: a typed prefix (True) or close tokens (False).
_Shape = tuple[bool, ...]

# What the plans cost, in visitors walked (measured on SQLite with bench/bench_reception.py,
# one visitor walked is about 0.75 µs): per name of the rarest word picked on the token index,
# per check of that name for each further word, per visitor then read and sorted.
_PICK_COST = 0.15
_NARROW_COST = 0.5
_READ_COST = 0.75


def choose_plan(
    counts: Sequence[int], people: int, limit: int, together: float | None = None
) -> Plan:
    """The cheaper plan for words carried by ``counts`` names each (rarest first) among
    ``people`` named records. ``together``: the share of the rarest word's names that carry
    all the others, measured on a sample (see ``_together``); without it the words are taken
    as independent of one another, which the words of one compound surname (« van acker »)
    are not."""
    if counts[0] > CANDIDATES:
        return "walk"  # every word is common: the first ``limit`` come within a few rows
    shares = [min(1.0, count / people) for count in counts]
    if together is None:
        together = 1.0
        for part in shares[1:]:
            together *= part
    share = shares[0] * together  # of the named records, those carrying every word
    walked = limit / share if share else float("inf")
    found = counts[0] * together  # the rarest word's names carrying the others
    picked = counts[0] * (_PICK_COST + _NARROW_COST * (len(counts) - 1)) + found * _READ_COST
    return "index" if picked < walked else "walk"


def _word_condition(token: FromClause, position: int, prefix: bool) -> ColumnElement[bool]:
    """The token ``position`` of the words: within a typed prefix's range, or a close token."""
    if prefix:
        return and_(
            token.c.token >= bindparam(f"low{position}"),
            token.c.token < bindparam(f"high{position}"),
        )
    return token.c.token.in_(bindparam(f"tokens{position}", expanding=True))


def _carries(position: int, prefix: bool, visitor_id: ColumnElement[int]) -> ColumnElement[bool]:
    """The visitor ``visitor_id`` has a name token for the word ``position`` (a seek on the
    token table's primary key, visitor id then token)."""
    token = _TOKEN.alias(f"token_{position}")
    return (
        select(token.c.visitor_id)
        .where(token.c.visitor_id == visitor_id, _word_condition(token, position, prefix))
        .exists()
    )


def _not_merged() -> ColumnElement[bool]:
    """Not merged into another record: the merged ones' ids come from their partial index
    (migration 0013; none are made today), so that no visitor row is read to know it."""
    merged = _VISITOR.alias("merged")
    return _VISITOR.c.id.not_in(select(merged.c.id).where(merged.c.merged_into_id.is_not(None)))


_SAMPLES: dict[_Shape, Select[int, int]] = {}


def _sample_statement(shape: _Shape) -> Select[int, int]:
    """Of the first SAMPLED visitors of the rarest word, how many were read and how many
    carry all the other words (built once per shape, as the lookup's statements).

    The first in the token index: the alphabetically first tokens of a typed prefix, the
    oldest records among them — not a random sample. Only the choice of plan depends on it:
    both plans give the same visitors in the same order."""
    statement = _SAMPLES.get(shape)
    if statement is None:
        rarest = _TOKEN.alias("token_0")
        sample = (
            select(rarest.c.visitor_id)
            .where(_word_condition(rarest, 0, shape[0]))
            .distinct()  # a visitor with two tokens of the prefix counts once
            .limit(SAMPLED)
            .subquery("sample")
        )
        carried = [_carries(i, p, sample.c.visitor_id) for i, p in enumerate(shape) if i]
        carrying = func.sum(case((and_(*carried), 1), else_=0), type_=Integer)
        statement = _SAMPLES[shape] = select(func.count(), carrying).select_from(sample)
    return statement


_STATEMENTS: dict[tuple[str, _Shape, bool, int], Select[Any]] = {}


def _lookup_statement(
    plan: Plan | Literal["sample"], shape: _Shape, nulls_last: bool, limit: int
) -> Select[Any]:
    key = (plan, shape, nulls_last, limit)
    statement = _STATEMENTS.get(key)
    if statement is None:  # built twice at worst by two threads at once: the same statement
        statement = _STATEMENTS[key] = _build_statement(plan, shape, nulls_last, limit)
    return statement


def _build_statement(
    plan: Plan | Literal["sample"], shape: _Shape, nulls_last: bool, limit: int
) -> Select[Any]:
    visitor_id = _VISITOR.c.id
    if plan == "walk":
        words_carried = [_carries(i, prefix, visitor_id) for i, prefix in enumerate(shape)]
        statement = select(*_VIEW_COLUMNS).where(_not_merged(), *words_carried)
    else:
        rarest = _TOKEN.alias("token_0")
        ids = select(rarest.c.visitor_id).where(_word_condition(rarest, 0, shape[0]))
        ids = ids.where(
            *(_carries(i, prefix, rarest.c.visitor_id) for i, prefix in enumerate(shape) if i)
        )
        if plan == "sample":  # the first found, not the most recent: no sort, see find()
            ids = ids.distinct().limit(limit)
        if nulls_last and plan == "index":
            # PostgreSQL: the rarest word's names narrowed first, then sorted. Left to itself
            # its planner walks the index of recency instead, misjudging how few carry two
            # words (« jean dup »: 8,700 visitors walked, 44 ms, against 17 ms).
            ids = select(ids.cte("candidates").prefix_with("MATERIALIZED"))
        statement = select(*_VIEW_COLUMNS).where(visitor_id.in_(ids), _not_merged())
        if plan == "sample":
            return statement
    last_seen = _VISITOR.c.last_seen_at.desc()
    if nulls_last:  # SQLite already puts NULLs last in descending order
        last_seen = last_seen.nulls_last()
    # Visitors seen at the same minute: the newest record first, whichever plan ran.
    return statement.order_by(last_seen, visitor_id.desc()).limit(limit)


def _word_values(terms: Sequence[Term]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for position, term in enumerate(terms):
        if isinstance(term, str):
            values[f"low{position}"] = term
            values[f"high{position}"] = _next_prefix(term)
        else:
            values[f"tokens{position}"] = list(term)
    return values


class VisitorService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def lookup(self, typed: str, limit: int = LOOKUP_LIMIT) -> list[VisitorView]:
        """Visitors whose names start with the words typed ("dup je" finds Jean Dupont),
        most recently seen first (then the newest record); one statement per keystroke (two
        when several common words are sampled first), the plan chosen from how common each
        word is (see ``_matching``).
        """
        self.actor.require(Permission.READ_VISITORS)
        prefixes = _prefixes(typed)
        if not prefixes:
            return []
        with self.db.read() as session:
            return self._matching(session, list(prefixes), limit)

    def find(self, typed: str, limit: int = LOOKUP_LIMIT) -> Lookup:
        """The visitor search of the desk: ``lookup`` first; when it finds nobody, the names
        spelt close to what was typed (accents and case aside, one typo in a word of 3 or 4
        letters, two from 5 letters; a word may still be partly typed).

        The typed words are matched against the distinct name tokens held in memory (far
        fewer than the visitors, see ``_NameTokens``), then the visitors carrying the close
        tokens are read through the covering token index, the closest names first.
        """
        self.actor.require(Permission.READ_VISITORS)
        prefixes = _prefixes(typed)
        if not prefixes:
            return Lookup(typed, [])
        with self.db.read() as session:
            found = self._matching(session, list(prefixes), limit)
            if found:
                return Lookup(typed, found)
            close = self._close_tokens(session, prefixes)
            if close is None:
                return Lookup(typed, [])
            found = self._close_matching(session, [tuple(tokens) for tokens in close], limit)
        return Lookup(typed, _closest_first(found, close), close_spellings=bool(found))

    def _close_tokens(self, session: Session, prefixes: list[str]) -> list[dict[str, int]] | None:
        """For each typed word, the name tokens spelt close to it; None if a word has none."""
        with _TOKENS_LOCK:
            cached = self._tokens(session)
            close = [cached.close_to(prefix) for prefix in prefixes]
        return close if all(close) else None

    def _tokens(self, session: Session) -> _NameTokens:
        """This database's name tokens in memory, brought up to date (call under the lock)."""
        key = _database_key(session)
        cached = _TOKENS.get(key)
        if cached is None:
            cached = _TOKENS[key] = _NameTokens()
        cached.refresh(session)
        return cached

    def _term_counts(self, session: Session, terms: Sequence[Term]) -> tuple[list[int], int]:
        """Names carrying each term, and how many records have names (see ``choose_plan``)."""
        with _TOKENS_LOCK:
            cached = self._tokens(session)
            return [cached.count(term) for term in terms], cached.people

    def _close_matching(self, session: Session, terms: list[Term], limit: int) -> list[VisitorView]:
        """Visitors carrying a close token for every word, the most recent first when few
        carry the rarest word; otherwise the first CLOSE_SAMPLE found (no sort: the list is
        sorted by closeness afterwards, and staff type on to narrow it)."""
        counts, _ = self._term_counts(session, terms)
        if min(counts) <= CLOSE_SORTED:
            return self._matching(session, terms, limit)
        # The sample is found on the token index alone (an IN over the rarest word's names
        # would read all of them first), then its records are read by their ids.
        terms = [terms[i] for i in sorted(range(len(terms)), key=counts.__getitem__)]
        shape = tuple(isinstance(term, str) for term in terms)
        statement = _lookup_statement("sample", shape, not self.db.is_sqlite, CLOSE_SAMPLE)
        rows = [_view_of(row) for row in session.execute(statement, _word_values(terms))]
        oldest = datetime.min.replace(tzinfo=UTC)
        rows.sort(key=lambda v: (v.last_seen_at or oldest, v.id), reverse=True)
        return rows[:limit]

    def _matching(self, session: Session, terms: list[Term], limit: int) -> list[VisitorView]:
        """Visitors carrying every term, most recently seen first (then the newest record).

        The plan is chosen from how common each term is (counts held in memory, see
        ``_NameTokens``; no rows counted per keystroke, but for a sample of 200 names when
        several words each have more than SAMPLE_FROM), see ``choose_plan``: when the
        rarest word is rare enough, its names are picked on the token index and narrowed
        there by the other words, and only the visitors left are read and sorted; when the
        words are common, the visitors are walked from the most recent on indexes alone and
        the first ``limit`` that carry every word are kept.
        """
        counts, people = self._term_counts(session, terms)
        if min(counts) == 0:  # a word that no name carries (the tokens held are all of them)
            return []
        order = sorted(range(len(terms)), key=counts.__getitem__)
        terms, counts = [terms[i] for i in order], [counts[i] for i in order]
        plan = choose_plan(counts, people, limit)
        shape = tuple(isinstance(term, str) for term in terms)
        values = _word_values(terms)
        if plan == "index" and len(terms) > 1 and counts[0] > SAMPLE_FROM:
            together = self._together(session, shape, values)
            plan = choose_plan(counts, people, limit, together)
        statement = _lookup_statement(plan, shape, not self.db.is_sqlite, limit)
        return [_view_of(row) for row in session.execute(statement, values)]

    def _together(self, session: Session, shape: _Shape, values: dict[str, Any]) -> float:
        """The share of the rarest word's names carrying the other words, on the first
        SAMPLED of them (a fraction of a millisecond, against several for narrowing them all
        when they mostly do: « van » after « acker »)."""
        sampled, carrying = session.execute(_sample_statement(shape), values).one()
        return (carrying or 0) / sampled if sampled else 0.0

    def get(self, visitor_id: int) -> VisitorView | None:
        self.actor.require(Permission.READ_VISITORS)
        with self.db.read() as session:
            row = session.get(Visitor, visitor_id)
            return view(row) if row else None

    def open_record(self, visitor_id: int) -> VisitorView | None:
        """A record picked at the desk: read, and the reading traced in the audit trail."""
        self.actor.require(Permission.READ_VISITORS)
        with self.db.write() as session:
            row = session.get(Visitor, visitor_id)
            if row is None:
                return None
            audit.record(session, self.actor, "fiche-ouverte", "personne", visitor_id)
            return view(row)

    def find_elsewhere(
        self, first_name: str, last_name: str, birth_year: int | None
    ) -> list[SeenElsewhere]:
        """People of that exact name (and a birth year within one of it) seen only at other
        centres of the federation's server: just enough to tell them apart, and the search
        traced by the server. A local database sees everyone already: none there."""
        self.actor.require(Permission.LOG_VISITS)
        if self.db.is_sqlite:
            return []
        wanted = search_name_of(first_name.strip(), last_name.strip() or None)
        if " " not in wanted or len(wanted) < 5:
            raise UserFacingError(
                "Pour chercher dans les autres centres, donnez le prénom et le nom en entier."
            )
        with self.db.write() as session:
            rows = session.execute(
                text("SELECT * FROM acsrv_find_elsewhere(:name, :year)"),
                {"name": wanted, "year": birth_year},
            ).all()
        return [SeenElsewhere(*row) for row in rows]

    def welcome(self, visitor_id: int) -> VisitorView:
        """A person found at another centre (``find_elsewhere``) becomes one this centre
        sees, as on their first visit here; traced by the server."""
        self.actor.require(Permission.LOG_VISITS)
        with self.db.write() as session:
            if not self.db.is_sqlite:
                session.execute(text("SELECT acsrv_welcome_visitor(:id)"), {"id": visitor_id})
            row = session.get(Visitor, visitor_id)
            if row is None:
                raise UserFacingError("Cette personne n’existe plus (fiche fusionnée ou effacée).")
            _remember_tokens(session, name_tokens(row.first_name, row.last_name))
            return view(row)

    def create(self, data: VisitorInput, today: date | None = None) -> VisitorView:
        self.actor.require(Permission.LOG_VISITS)
        clean = validate_visitor(data, today or paris_today())
        with self.db.write() as session:
            row = new_visitor(session, clean)
            audit.record(session, self.actor, "fiche-creee", "personne", row.id)
            return view(row)

    def update(self, visitor_id: int, data: VisitorInput, today: date | None = None) -> VisitorView:
        """Correct a record (the person's right to rectification)."""
        self.actor.require(Permission.PERSON_RIGHTS)
        clean = validate_visitor(data, today or paris_today())
        with self.db.write() as session:
            row = session.get(Visitor, visitor_id)
            if row is None:
                raise UserFacingError("Cette personne n’existe plus (fiche fusionnée ou effacée).")
            apply_profile(session, row, clean)
            audit.record(session, self.actor, "fiche-corrigee", "personne", visitor_id)
            return view(row)

    def possible_duplicates(
        self,
        first_name: str,
        last_name: str | None,
        birth_year: int | None,
        exclude: int | None = None,
    ) -> list[VisitorView]:
        """Same name (accents and case aside) and same birth year."""
        self.actor.require(Permission.READ_VISITORS)
        if not first_name.strip() or birth_year is None:
            return []
        statement = select(Visitor).where(
            Visitor.search_name
            == search_name_of(
                " ".join(first_name.split()), " ".join((last_name or "").split()) or None
            ),
            Visitor.birth_year == birth_year,
            Visitor.merged_into_id.is_(None),
        )
        if exclude is not None:
            statement = statement.where(Visitor.id != exclude)
        with self.db.read() as session:
            return [view(row) for row in session.scalars(statement)]

    def merge(self, keep_id: int, duplicate_id: int) -> VisitorView:
        """Move the duplicate's visits to the record kept, then delete the duplicate.

        The visits take the kept record's person key: the person is counted once.
        """
        self.actor.require(Permission.MERGE_VISITORS)
        if keep_id == duplicate_id:
            raise UserFacingError("Choisissez deux fiches différentes à fusionner.")
        with self.db.write() as session:
            keep, duplicate = session.get(Visitor, keep_id), session.get(Visitor, duplicate_id)
            if keep is None or duplicate is None:
                raise UserFacingError("Une des deux fiches n’existe plus.")
            session.execute(
                update(Visit)
                .where(Visit.visitor_id == duplicate_id)
                .values(visitor_id=keep_id, person_key=keep.person_key)
            )
            seen = [d for d in (keep.last_seen_at, duplicate.last_seen_at) if d]
            keep.last_seen_at = max(seen) if seen else None
            delete_visitor(session, duplicate)
            session.flush()
            audit.record(
                session, self.actor, "fiche-fusionnee", "personne", keep_id, fusionnee=duplicate_id
            )
            return view(keep)

    def duplicate_groups(self, limit: int = 500) -> list[list[VisitorView]]:
        """Records sharing a name (accents and case aside) and a birth year: possibly one person."""
        self.actor.require(Permission.MERGE_VISITORS)
        keys = (
            select(Visitor.search_name, Visitor.birth_year)
            .where(Visitor.merged_into_id.is_(None), Visitor.birth_year.is_not(None))
            .group_by(Visitor.search_name, Visitor.birth_year)
            .having(func.count() > 1)
            .limit(limit)
        )
        with self.db.read() as session:
            groups = []
            for search_name, birth_year in session.execute(keys):
                rows = session.scalars(
                    select(Visitor)
                    .where(Visitor.search_name == search_name, Visitor.birth_year == birth_year)
                    .order_by(Visitor.last_seen_at.desc().nulls_last(), Visitor.id)
                )
                groups.append([view(row) for row in rows])
            return groups

    def merge_group(self, group: list[VisitorView]) -> VisitorView:
        """Keep the record seen most recently (the first), merge the others into it."""
        self.actor.require(Permission.MERGE_VISITORS)
        keep = group[0]
        for duplicate in group[1:]:
            keep = self.merge(keep.id, duplicate.id)
        return keep

    def count(self) -> int:
        self.actor.require(Permission.READ_VISITORS)
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(Visitor)) or 0
