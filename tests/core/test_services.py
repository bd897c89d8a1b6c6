"""The one service object: every public method of every service it holds refuses an actor
that lacks the permission it needs, before it touches its arguments or the database.

The methods are found by introspection: a new public method is refused by default, or listed
here (open to every role, or allowed to a role) with the reason.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from acsrv_desktop.core.accounts.audit import AuditFilter
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Role
from acsrv_desktop.core.attendance.figures import Period
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.visits import VisitInput
from acsrv_desktop.core.services import CatalogueReader, Services

# Open to every role, whoever signed in (the reason for each).
OPEN = {
    "catalogue.entries": "the catalogue is read at every desk",
    "catalogue.active_entries": "the catalogue is read at every desk",
    "catalogue.entry": "the catalogue is read at every desk",
    "catalogue.contacts": "the catalogue is read at every desk",
    "catalogue.federation": "the federation's own details, on every slip",
    "catalogue.refresh": "rebuilds the search index of what every desk reads",
    "catalogue.search": "the catalogue is read at every desk",
    "catalogue.snapshot": "the catalogue is read at every desk (kept by a screen, read again "
    "in the background when the catalogue changed)",
    "catalogue.raw_entry": "the same catalogue entry, as a record (nothing personal)",
    "catalogue.theme_synonyms": "the thématiques' words every desk's search uses",
    "catalogue.edited_theme_words": "the thématiques' words edited here (catalogue data)",
    "routing.suggest": "ranks the catalogue for a person described by the caller; reads "
    "nothing personal",
    "centres.centres": "every desk chooses its centre",
    "centres.centre": "every desk chooses its centre",
    "centres.by_name": "every desk chooses its centre",
    "visits.counters": "counts rows already read (a static function; reads nothing)",
    "settings.idle_lock_minutes": "the idle lock of every session reads it",
    "settings.retention_months": "every person's data document states it",
    "accounts.unlock": "the actor's own password, after the idle lock",
    "accounts.still_valid": "whether the actor's own account still holds",
}
# What each role may do beyond OPEN (everything else must refuse it).
ACCUEIL_MAY = {
    "visitors.lookup",
    "visitors.find",
    "visitors.get",
    "visitors.open_record",
    "visitors.create",
    "visitors.update",
    "visitors.possible_duplicates",
    "visitors.find_elsewhere",
    "visitors.welcome",
    "visitors.count",
    "visits.log_visit",
    "visits.cancel",
    "visits.restore",
    "visits.update",
    "visits.day",
    "visits.row",
    "referrals.find",
    "referrals.set_status",
    "slips.slip",
    "person_data.read",
    "person_data.record_export",
}
COORDINATION_MAY = ACCUEIL_MAY | {
    "visits.history_snapshot",
    "visits.history_count",
    "visits.history_page",
    "privacy.erase",
    "attendance.report",
    "attendance.detail",
    "attendance.export",
}
# A référent de programme: the referrals addressed to its programmes, and nothing else.
REFERENT_MAY = {
    "referent.programmes",
    "referent.referrals",
    "referent.to_remind_count",
    "referent.answer",
}


class Unused:
    """A dummy argument: a method that reads it before checking its actor fails the test."""

    def _used(self, *_args: object) -> None:
        raise AssertionError("an argument was used before the permission check")

    def __getattr__(self, name: str) -> None:
        self._used()

    __bool__ = __iter__ = __len__ = __getitem__ = __contains__ = _used  # type: ignore[assignment]


def public_methods(services: Services) -> Iterator[tuple[str, object]]:
    """Every public method of every service held by ``services`` (and of ``services``)."""
    holders = {"": services}
    holders.update(
        {
            name: value
            for name, value in vars(services).items()
            if not name.startswith("_") and name not in ("db", "actor")
        }
    )
    for holder_name, holder in holders.items():
        for name, method in inspect.getmembers(holder, inspect.isroutine):
            if not name.startswith("_"):
                yield (f"{holder_name}.{name}" if holder_name else name), method


def call_with_dummies(method) -> None:  # type: ignore[no-untyped-def]
    positional, keywords = [], {}
    for parameter in inspect.signature(method).parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.kind is parameter.KEYWORD_ONLY:
            keywords[parameter.name] = Unused()
        else:
            positional.append(Unused())
    method(*positional, **keywords)


@pytest.fixture
def centre(database) -> int:
    return Services(database, Actor.system("test")).centres.centres()[0].id


def _actors(centre: int) -> dict[str, tuple[Actor, set[str]]]:
    return {
        "nobody": (CatalogueReader.anonymous(), set()),
        "accueil": (Actor(None, "accueil-test", Role.ACCUEIL, centre), ACCUEIL_MAY),
        "coordination": (Actor(None, "coord-test", Role.COORDINATION, centre), COORDINATION_MAY),
        "referent": (Actor(None, "referent-test", Role.REFERENT, None), REFERENT_MAY),
    }


@pytest.mark.parametrize("who", ["nobody", "accueil", "coordination", "referent"])
def test_every_service_method_refuses_an_actor_without_its_permission(database, centre, who):
    actor, allowed = _actors(centre)[who]
    services = Services(database, actor)
    methods = dict(public_methods(services))
    assert len(methods) > 50  # the introspection finds the services' methods
    unknown = (OPEN.keys() | ACCUEIL_MAY | COORDINATION_MAY | REFERENT_MAY) - methods.keys()
    assert not unknown, f"listed but not found: {sorted(unknown)}"
    not_refused = []
    for name, method in sorted(methods.items()):
        if name in OPEN or name in allowed:
            continue
        try:
            call_with_dummies(method)
        except AccessDeniedError:
            continue
        except Exception as exc:  # noqa: BLE001 — reported below, with the method's name
            not_refused.append(f"{name}: {type(exc).__name__}: {exc}")
        else:
            not_refused.append(f"{name}: accepted")
    assert not not_refused, "\n".join(not_refused)


def test_the_refused_calls_left_no_trace(database, centre):
    """A refused call writes nothing: the audit trail is as before."""
    admin = Services(database, Actor.system("test"))
    before = len(admin.audit.entries(AuditFilter()))
    services = Services(database, CatalogueReader.anonymous())
    for name, method in public_methods(services):
        if name not in OPEN:
            with pytest.raises(AccessDeniedError):
                call_with_dummies(method)
    assert len(admin.audit.entries(AuditFilter())) == before


def test_the_open_methods_work_for_an_actor_without_permissions(database):
    services = Services(database, CatalogueReader.anonymous())
    assert services.catalogue.search("numérique")
    assert services.centres.centres()
    assert services.settings.idle_lock_minutes() >= 1
    assert services.accounts.still_valid()


# -- the export workflow, once in core ---------------------------------------------------------


@pytest.fixture
def director(database, centre) -> Services:
    services = Services(database, Actor.system("test"))
    now = datetime.now(UTC)
    services.visits.log_visit(VisitInput(centre, "sur-place", now))
    return services


def _month() -> Period:
    today = datetime.now(UTC).date()
    return Period.month(today.year, today.month)


def _exports(services: Services) -> list[dict]:
    return [r.details for r in services.audit.entries(AuditFilter(action="export"))]


def test_export_writes_each_format_and_traces_it(director, tmp_path: Path):
    import openpyxl

    done = director.attendance.export("xlsx", tmp_path / "m.xlsx", period=_month(), detail=True)
    assert done.report.visits >= 1
    assert openpyxl.load_workbook(done.path)["Détail anonymisé"].max_row >= 2
    director.attendance.export("csv", tmp_path / "m.zip", period=_month())
    drawn = []

    def draw_pdf(report) -> bytes:  # type: ignore[no-untyped-def]
        drawn.append(report)
        return b"%PDF-1.4\n1 0 obj <<>> endobj\nxref\n0 1\ntrailer <<>>\nstartxref\n29\n%%EOF\n"

    director.attendance.export("pdf", tmp_path / "m.pdf", report=done.report, draw_pdf=draw_pdf)
    assert drawn == [done.report]  # the figures shown are exported, not computed again
    assert [e["format"] for e in _exports(director)] == ["pdf", "csv", "xlsx"]
    assert _exports(director)[-1]["detail"] is True


@pytest.mark.parametrize(
    ("kind", "name", "detail", "fragment"),
    [
        ("xlsx", ".", False, "est un dossier"),
        ("pdf", "nulle/part/x.pdf", False, "n’existe pas"),
        ("csv", "x.csv", False, "plusieurs tableaux"),
        ("csv", "x.zip", True, "détail anonymisé"),
    ],
)
def test_export_refuses_an_output_it_cannot_write(director, tmp_path, kind, name, detail, fragment):
    with pytest.raises(UserFacingError, match=fragment):
        director.attendance.export(
            kind, tmp_path / name, period=_month(), detail=detail, draw_pdf=lambda *a: None
        )
    assert _exports(director) == []


def test_a_pdf_that_was_not_written_is_an_error_and_is_not_traced(director, tmp_path):
    with pytest.raises(UserFacingError, match="PDF"):
        director.attendance.export(
            "pdf", tmp_path / "m.pdf", period=_month(), draw_pdf=lambda r: b""
        )
    assert not (tmp_path / "m.pdf").exists()
    assert _exports(director) == []
