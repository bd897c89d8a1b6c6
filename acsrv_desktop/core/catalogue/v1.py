"""Our catalogue fields as data·inclusion v1 fields, and back.

The v1 schema (the ``data-inclusion-schema`` package's ``Service`` and ``Structure`` models, which
the tests validate every exported record against) differs from the catalogue in a few ways:

- thématiques are sub-themes only: an entry about a whole category (``mobilite``) exports all of
  its sub-themes, and an imported service listing every sub-theme of a category gets the
  category back (the same meaning: routing and search treat a category as covering them);
- ``tous-publics`` stands alone;
- ``horaires_accueil`` is in OpenStreetMap's opening_hours syntax; hours typed in plain French
  for the slip travel in ``x_acsrv`` instead;
- ``date_maj`` is a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies

EVERYONE = "tous-publics"
MAX_DESCRIPTION = 10_000  # v1's limit (ours is 20,000)
MIN_DESCRIPTION = 5
# The first sentence of an imported description, for an entry's summary.
FIRST_SENTENCE = re.compile(r"^(.{20,300}?[.!?])(?:\s|$)", re.DOTALL)


def export_thematiques(thematiques: Iterable[str], vocab: Vocabularies) -> list[str] | None:
    """v1 thématiques: each sub-theme as it is, each category as its sub-themes."""
    result: dict[str, None] = {}
    for slug in thematiques:
        result.update(dict.fromkeys(vocab.subthemes(slug) if "--" not in slug else [slug]))
    return list(result) or None


def import_thematiques(slugs: list[str], vocab: Vocabularies) -> list[str]:
    """Back from v1: every sub-theme of a category listed becomes the category (in the place
    of its first sub-theme). Slugs are checked afterwards, by the entry's own validation."""
    present = set(slugs)
    result: dict[str, None] = {}
    for slug in slugs:
        category = slug.split("--", 1)[0]
        whole = "--" in slug and set(vocab.subthemes(category)) <= present
        result[category if whole else slug] = None
    return list(result)


def export_publics(publics: Iterable[str]) -> list[str] | None:
    """``tous-publics`` alone when it is there (v1 refuses it beside others)."""
    listed = list(publics)
    if EVERYONE in listed:
        return [EVERYONE]
    return listed or None


def is_opening_hours(text: str | None) -> bool:
    """Whether ``text`` is in OpenStreetMap's opening_hours syntax (checked by its parser)."""
    if not text or "\n" in text:
        return False
    from opening_hours import validate  # a compiled parser, loaded only when exchanging

    return bool(validate(text))


def export_description(summary: str, description: str, fallback: str) -> tuple[str, str | None]:
    """v1's one description (5 to 10,000 characters), and the whole text when it was cut."""
    text = description or summary or fallback
    if len(text) < MIN_DESCRIPTION:
        text = fallback
    if len(text) <= MAX_DESCRIPTION:
        return text, None
    return text[: MAX_DESCRIPTION - 1].rstrip() + "…", description


def summary_from(description: str) -> str:
    """A summary for a service from another platform: its description's first sentence."""
    text = " ".join(description.split())
    match = FIRST_SENTENCE.match(text)
    if match:
        return match[1]
    return text if len(text) <= 300 else text[:299].rstrip() + "…"


def record_date(updated_at: datetime | None) -> date:
    """``date_maj``: the day of the last change, UTC's (never ahead of the reader's today,
    which the official model checks: the Paris day is an hour or two ahead of it)."""
    moment = updated_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date()


def imported_moment(value: object) -> datetime | None:
    """The instant a record was last changed, from an imported ``date_maj`` (a date, or the
    date-time of earlier files); None when absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def modes_mobilisation(phone: str | None, email: str | None, address: str | None) -> list[str]:
    """How a person reaches the service: by telephone, by e-mail, by going there."""
    modes = []
    if phone:
        modes.append("telephoner")
    if email:
        modes.append("envoyer-un-courriel")
    if address:
        modes.append("se-presenter")
    return modes
