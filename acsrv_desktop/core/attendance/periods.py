"""Periods of the attendance figures: a month, a quarter, a year or any range of days, in
Europe/Paris days, with the periods a figure is compared with."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from acsrv_desktop.core.clock import paris_day_bounds
from acsrv_desktop.core.errors import UserFacingError

MONTHS = [
    "",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Ten years of days at most: a typing slip (2206 for 2026) is said, not computed for minutes.
LONGEST_DAYS = 3660


@dataclass(frozen=True)
class Period:
    """Europe/Paris days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserFacingError(
                f"Période invalide : le dernier jour ({self.end:%d/%m/%Y}) est avant le "
                f"premier ({self.start:%d/%m/%Y})."
            )
        if self.start.year < FIRST_YEAR or self.end.year > LAST_YEAR:
            raise UserFacingError(
                f"Période invalide : les dates vont de {FIRST_YEAR} à {LAST_YEAR}."
            )
        if (self.end - self.start).days >= LONGEST_DAYS:
            raise UserFacingError("Période trop longue : dix ans au plus.")

    # -- the presets --------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserFacingError(f"Mois invalide : {month:02d}/{year}")
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4 or not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserFacingError(f"Trimestre invalide : T{quarter} {year}")
        first = 3 * quarter - 2
        return cls(cls.month(year, first).start, cls.month(year, first + 2).end)

    @classmethod
    def year(cls, year: int) -> Period:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserFacingError(f"Année invalide : {year}")
        return cls(date(year, 1, 1), date(year, 12, 31))

    # -- read from the command line -----------------------------------------------------------

    @classmethod
    def parse_month(cls, text: str) -> Period:
        """ "2026-11" -> November 2026 (French message when it is not a month)."""
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text.strip())
        if match is None:
            raise UserFacingError(f"Mois invalide « {text[:40]} » : attendu AAAA-MM, ex. 2026-11")
        return cls.month(int(match.group(1)), int(match.group(2)))

    @classmethod
    def parse_quarter(cls, text: str) -> Period:
        """ "2026-T1" -> January to March 2026."""
        match = re.fullmatch(r"([0-9]{4})-[Tt]([1-4])", text.strip())
        if match is None:
            raise UserFacingError(
                f"Trimestre invalide « {text[:40]} » : attendu AAAA-T1 à AAAA-T4, ex. 2026-T1"
            )
        return cls.quarter(int(match.group(1)), int(match.group(2)))

    @classmethod
    def parse_year(cls, text: str) -> Period:
        match = re.fullmatch(r"[0-9]{4}", text.strip())
        if match is None:
            raise UserFacingError(f"Année invalide « {text[:40]} » : attendu AAAA, ex. 2026")
        return cls.year(int(match.group(0)))

    @staticmethod
    def parse_day(text: str) -> date:
        """ "2026-11-03" -> 3 November 2026."""
        try:
            return date.fromisoformat(text.strip()) if len(text.strip()) == 10 else _bad_day(text)
        except ValueError:
            return _bad_day(text)

    # -- what it is -------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        """« mois », « trimestre », « année » or « période » (any other range of days)."""
        if self.start.day != 1 or self.end != _month_end(self.end):
            return "période"
        months = _month_count(self.start, self.end)
        if months == 1:
            return "mois"
        if months == 3 and self.start.month % 3 == 1:
            return "trimestre"
        if months == 12 and self.start.month == 1:
            return "année"
        return "période"

    def describe(self) -> str:
        kind = self.kind
        if kind == "mois":
            return f"{MONTHS[self.start.month]} {self.start.year}"
        if kind == "trimestre":
            quarter = (self.start.month + 2) // 3
            return f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {self.start.year}"
        if kind == "année":
            return f"année {self.start.year}"
        return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"

    def _whole_months(self) -> bool:
        return self.start.day == 1 and self.end == _month_end(self.end)

    def file_name(self) -> str:
        """How the period reads in a file name: 2026-11, 2026-T1, 2026, 2026-01-05_2026-02-03."""
        kind = self.kind
        if kind == "mois":
            return f"{self.start:%Y-%m}"
        if kind == "trimestre":
            return f"{self.start.year}-T{(self.start.month + 2) // 3}"
        if kind == "année":
            return f"{self.start.year}"
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"

    def bounds(self) -> tuple[datetime, datetime]:
        """The first and last instants (UTC) of the period, the last one excluded."""
        return paris_day_bounds(self.start)[0], paris_day_bounds(self.end)[1]

    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def months(self) -> list[Period]:
        """The months the period touches, each cut to the period."""
        result = []
        first = self.start
        while first <= self.end:
            month = Period.month(first.year, first.month)
            result.append(Period(max(first, month.start), min(self.end, month.end)))
            first = month.end + timedelta(days=1)
        return result

    # -- compared with --------------------------------------------------------------------

    def previous(self) -> Period:
        """The period just before: as many whole months before one made of whole months (the
        month, quarter, year or semester before), as many days before any other range."""
        if self._whole_months():  # a month, a quarter, a year, a semester…: as many months
            months = _month_count(self.start, self.end)
            start = _add_months(self.start, -months)
            return Period(start, _month_end(_add_months(start, months - 1)))
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period(end - length, end)

    def year_before(self) -> Period:
        """The same days a year before (29 February falls on the 28th)."""
        if self._whole_months():
            start = _add_months(self.start, -12)
            return Period(start, _month_end(_add_months(self.end, -12)))
        return Period(same_day_a_year_before(self.start), same_day_a_year_before(self.end))


def _bad_day(text: str) -> date:
    raise UserFacingError(f"Date invalide « {text[:40]} » : attendu AAAA-MM-JJ, ex. 2026-11-03")


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_count(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _add_months(day: date, months: int) -> date:
    """The first of the month ``months`` away from ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def same_day_a_year_before(day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)
