"""The one clock: instants are UTC, days and displayed times are Europe/Paris."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utc_now() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


def paris_today(now: datetime | None = None) -> date:
    """The Europe/Paris day of ``now`` (an aware datetime; the current instant by default)."""
    return (now or utc_now()).astimezone(PARIS).date()


def paris_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first and last instants (UTC) of ``day`` in Europe/Paris, DST included."""
    start = datetime.combine(day, time.min, tzinfo=PARIS)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=PARIS)
    return start.astimezone(UTC), end.astimezone(UTC)
