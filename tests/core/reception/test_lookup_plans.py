"""The visitor lookup's two plans give the answer of a plain query (SQLite and PostgreSQL).

``VisitorService.lookup`` picks, per keystroke, either the rarest word's names on the token
index (narrowed there by the other words) or a walk over the visitors from the most recent
(``visitors.choose_plan``). Whichever it picks, and whichever is forced, the visitors found and
their order must be those of a straightforward query: every typed word starts a word of the
names, records merged into another left out, the most recently seen first (never seen last),
then the newest record.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, func, select, text, update
from sqlalchemy.orm import aliased

from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Visitor, VisitorNameToken
from acsrv_desktop.core.reception import visitors as module
from acsrv_desktop.core.reception.profile import VisitorInput, validate_visitor
from acsrv_desktop.core.reception.visitors import (
    CANDIDATES,
    VisitorService,
    choose_plan,
    new_visitor,
)
from acsrv_desktop.core.text import words

# Common names, some compound, some both first and last names, some accented: many visitors
# share each word, as at a real desk.
FIRST_NAMES = (
    "Marie",
    "Jean",
    "Jean-Pierre",
    "Marie-Claire",
    "Martin",
    "Léa",
    "Kévin",
    "Sofiane",
    "Anne",
    "Luc",
)
LAST_NAMES = (
    "Dupont",
    "Durand",
    "Lefèvre",
    "Martin",
    "Leroy",
    "Van Acker",
    "Da Silva",
    "Saïdi",
    "Lemaire",
    "Dubois",
    "Marchand",
    "Jean",
    "Simon",
    "Schmitt",
)
PEOPLE = 400
QUERIES = (
    # one word
    "ma",
    "mar",
    "marie",
    "du",
    "dupont",
    "le",
    "jean",
    "van",
    "silva",
    # two words: common ones typed together, a word inside another, nobody
    "marie l",
    "jean d",
    "martin s",
    "jean du",
    "le ma",
    "van ac",
    "jean je",
    "martin martin",
    "kev saidi",
    "luc van",
    "anne zz",
    # three words
    "jean pierre d",
    "marie claire d",
    "van acker marie",
    "da silva j",
    "m c s",
)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def visitors(database: Database, database_actor) -> VisitorService:
    """Every centre's visitors (administration): the plans, not row-level security, tried."""
    return VisitorService(database, database_actor)


@pytest.fixture
def people(database: Database, visitors: VisitorService) -> VisitorService:
    """PEOPLE visitors with common names; last seen at distinct times, by groups at the same
    minute (the id then orders them), or never; three merged into another record; and three
    namesakes seen at the same minute."""
    rng = random.Random(12)
    with database.write() as session:
        ids = []
        for index in range(PEOPLE):
            data = VisitorInput(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), 1980)
            row = new_visitor(session, validate_visitor(data, date(2026, 11, 30)))
            kind = index % 10
            if kind == 9:
                row.last_seen_at = None  # a record made, no visit yet
            elif kind in (3, 4, 5):  # seen at the same minute as two others
                row.last_seen_at = NOW - timedelta(minutes=rng.randrange(40))
            else:
                row.last_seen_at = NOW - timedelta(minutes=rng.randrange(100_000))
            ids.append(row.id)
        for _ in range(3):  # namesakes seen at the same minute: the newest record first
            data = VisitorInput("Kévin", "Saïdi", 1990)
            new_visitor(session, validate_visitor(data, date(2026, 11, 30))).last_seen_at = NOW
        session.flush()
        for merged, kept in ((ids[7], ids[8]), (ids[20], ids[1]), (ids[55], ids[56])):
            session.execute(update(Visitor).where(Visitor.id == merged).values(merged_into_id=kept))
    return visitors


def reference(database: Database, typed: str, limit: int) -> list[int]:
    """The plain query: for every word typed, a name token starting with it."""
    statement = select(Visitor.id).where(Visitor.merged_into_id.is_(None))
    for word in {w[:100] for w in words(typed)}:
        token = aliased(VisitorNameToken)
        statement = statement.where(
            select(token.visitor_id)
            .where(token.visitor_id == Visitor.id, func.substr(token.token, 1, len(word)) == word)
            .exists()
        )
    statement = statement.order_by(
        Visitor.last_seen_at.desc().nulls_last(), Visitor.id.desc()
    ).limit(limit)
    with database.read() as session:
        return list(session.scalars(statement))


@pytest.mark.parametrize("limit", [20, 5])
def test_both_plans_find_what_a_plain_query_finds_in_its_order(
    people: VisitorService, database: Database, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    chosen: set[str] = set()

    def spied(
        counts: list[int], named: int, limit: int, together: float | None = None
    ) -> module.Plan:
        plan = choose_plan(counts, named, limit, together)
        chosen.add(plan)
        return plan

    for typed in QUERIES:
        expected = reference(database, typed, limit)
        monkeypatch.setattr(module, "choose_plan", spied)
        assert [v.id for v in people.lookup(typed, limit)] == expected, typed
        for plan in ("index", "walk"):
            monkeypatch.setattr(module, "choose_plan", lambda *_, plan=plan: plan)
            assert [v.id for v in people.lookup(typed, limit)] == expected, (typed, plan)
    assert chosen == {"index", "walk"}  # the queries above exercise both choices


@pytest.mark.parametrize(
    ("typed", "spelt"),
    [("dupond", "dupont"), ("marie dupond", "marie dupont"), ("kevin saidy", "kevin saidi")],
)
def test_close_spellings_are_found_in_the_same_order_by_every_plan(
    people: VisitorService,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    spelt: str,
) -> None:
    """Nobody as typed: the visitors of the close spelling, by either plan or by the sample
    of the first found (all of them here), the most recent first."""
    expected = reference(database, spelt, 20)
    assert expected and people.lookup(typed) == []
    for plan in ("index", "walk", None):
        for close_sorted in (module.CLOSE_SORTED, 0):  # 0: the sample of the first found
            monkeypatch.setattr(module, "CLOSE_SORTED", close_sorted)
            if plan is not None:
                monkeypatch.setattr(module, "choose_plan", lambda *_, plan=plan: plan)
            found = people.find(typed)
            assert found.close_spellings, (typed, plan, close_sorted)
            assert [v.id for v in found.visitors] == expected, (typed, plan, close_sorted)


def test_the_queries_find_many_some_and_nobody(people: VisitorService, database: Database):
    found = {typed: len(reference(database, typed, PEOPLE)) for typed in QUERIES}
    assert found["marie"] > 20 and found["le ma"] > 20  # more than a page
    assert all(0 < found[typed] < 20 for typed in ("kev saidi", "marie claire d", "m c s"))
    assert found["anne zz"] == 0
    # Every kind of record takes part: same minute, never seen, merged (left out).
    with database.read() as session:
        merged = set(session.scalars(select(Visitor.id).where(Visitor.merged_into_id.is_not(None))))
        never = session.scalar(select(func.count()).where(Visitor.last_seen_at.is_(None)))
    assert len(merged) == 3 and never
    assert not merged & {v.id for typed in QUERIES for v in people.lookup(typed, 500)}


def test_a_lookup_reads_what_the_list_shows(people: VisitorService, database: Database):
    """The records found are whole views (the record opened from the list needs them all)."""
    found = people.lookup("van acker")
    assert found
    for view in found:
        assert view == people.get(view.id)


def test_a_keystroke_runs_one_statement_built_once(
    people: VisitorService, database: Database, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(module, "TOKENS_CHECK_S", 3600.0)  # no look for changes meanwhile
    people.lookup("marie")  # the token counts loaded
    statements: list[str] = []

    def seen(conn, cursor, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        people.lookup("marie le")
        people.lookup("marie lef")
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) == 2  # one per keystroke: no counting (words too rare to sample)
    for plan in ("walk", "index"):  # the same statement object at every keystroke
        built = module._lookup_statement(plan, (True, True), not database.is_sqlite, 20)
        assert module._lookup_statement(plan, (True, True), not database.is_sqlite, 20) is built


@pytest.mark.parametrize(
    ("counts", "plan"),
    [
        ([30], "index"),  # a rare name: its few records sorted
        ([9_000], "walk"),  # a common one: the first records walked carry it
        ([CANDIDATES + 1, CANDIDATES + 5], "walk"),  # every word very common
        ([40, 9_000], "index"),  # a rare word with a common one
        ([4_000, 4_500], "index"),  # two common words seldom together
        ([4_000, 25_000], "walk"),  # a common word and an initial
    ],
)
def test_the_plan_follows_how_common_the_words_are(counts: list[int], plan: str):
    assert choose_plan(counts, 100_000, 20) == plan


@pytest.mark.parametrize(
    ("counts", "together", "plan"),
    [
        ([4_000, 4_500], 1.0, "walk"),  # one compound surname (« van acker »): walked
        ([4_000, 4_500], 0.05, "index"),  # as seldom together as independent words
        ([40, 9_000], 1.0, "index"),  # a rare word stays on the index, together or not
    ],
)
def test_words_found_together_on_a_sample_are_walked(
    counts: list[int], together: float, plan: str
) -> None:
    assert choose_plan(counts, 100_000, 20, together) == plan


def test_common_words_of_one_surname_are_sampled_then_walked(
    people: VisitorService, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words sampled before the plan is chosen (from any count here): the sample sees that
    every record of one word of a compound surname carries the other; whichever plan the
    samples then choose, the answers are those of the plain query."""
    monkeypatch.setattr(module, "SAMPLE_FROM", 0)
    chosen: list[tuple[str, float | None]] = []

    def spied(counts: list[int], named: int, limit: int, together: float | None = None):
        plan = choose_plan(counts, named, limit, together)
        chosen.append((plan, together))
        return plan

    monkeypatch.setattr(module, "choose_plan", spied)
    expected = reference(database, "van acker", 20)
    assert [v.id for v in people.lookup("van acker")] == expected
    assert chosen[-1][1] == 1.0  # sampled: every « acker » is a « van »
    for typed in QUERIES:  # whatever the sample says, the answer of the plain query
        assert [v.id for v in people.lookup(typed)] == reference(database, typed, 20), typed
    assert {plan for plan, together in chosen if together is not None} == {"index", "walk"}


def test_sqlite_reads_indexes_only_until_the_records_shown(people: VisitorService, database):
    """The walk goes down the index of the last visit, the merged records come from their
    partial index, each word from the token index: no visitor row is read to be rejected."""
    if not database.is_sqlite:
        pytest.skip("SQLite's query plan")
    plans = {}
    for plan in ("walk", "index"):
        statement = module._lookup_statement(plan, (True, True), False, 20)
        with database.engine.connect() as connection:
            result = connection.execute(statement, module._word_values(["marie", "l"]))
            sql, parameters = result.context.statement, result.context.parameters[0]
            result.close()
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters).all()
        plans[plan] = [row[3] for row in rows]
    walk, index = plans["walk"], plans["index"]
    assert walk[0] == "SCAN visitor USING INDEX ix_visitor_last_seen_at", walk
    assert "USING COVERING INDEX ix_visitor_merged" in " ".join(walk)
    assert "SEARCH visitor USING INTEGER PRIMARY KEY (rowid=?)" in index
    assert "COVERING INDEX ix_visitor_name_token_lookup (token>? AND token<?)" in " ".join(index)
    assert not [step for step in walk + index if step.startswith("SCAN") and step != walk[0]]


def _postgresql_plan(database: Database, plan: str, words: list[str], *, sort: bool) -> str:
    """The plan PostgreSQL makes for a lookup statement, the table scans (and the sorts,
    unless ``sort``) priced out of reach: the test's tables are too small for its planner to
    want an index."""
    shape = tuple(True for _ in words)
    statement = module._lookup_statement(plan, shape, True, 20)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        if not sort:
            connection.exec_driver_sql("SET enable_sort = off")
        result = connection.execute(statement, module._word_values(words))
        sql, parameters = result.context.statement, result.context.parameters[0]
        result.close()
        rows = connection.exec_driver_sql("EXPLAIN " + sql, parameters).all()
        connection.rollback()
    return "\n".join(row[0] for row in rows)


def test_postgresql_walks_visitors_from_the_most_recent_on_an_index(people, database):
    """The walk's order (the most recent first, never-seen ones last) is an index of its own
    on PostgreSQL (migration 0014): without it every keystroke read the whole table."""
    if database.is_sqlite:
        pytest.skip("PostgreSQL's query plan")
    walk = _postgresql_plan(database, "walk", ["marie"], sort=False)
    assert "Index Scan using ix_visitor_recent_first on visitor" in walk, walk
    assert "Sort" not in walk, walk


def test_postgresql_narrows_two_words_before_sorting(people, database):
    """The index plan's candidates are found first (a materialised CTE), then sorted: the
    planner is not left to walk the recency index when two words are rarer together than
    it guesses."""
    if database.is_sqlite:
        pytest.skip("PostgreSQL's query plan")
    index = _postgresql_plan(database, "index", ["jean", "du"], sort=True)
    assert "CTE candidates" in index, index
    assert "Sort Key: visitor.last_seen_at DESC NULLS LAST, visitor.id DESC" in index, index


def test_the_merged_records_index_holds_them_alone(database: Database):
    """Partial (migration 0013): empty as long as no record is merged into another."""
    if database.is_sqlite:
        query = "SELECT sql FROM sqlite_master WHERE name = 'ix_visitor_merged'"
    else:
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_visitor_merged'"
    with database.read() as session:
        definition = session.scalar(text(query))
    assert definition is not None
    assert "merged_into_id IS NOT NULL" in definition.replace("(", "").replace(")", "")
