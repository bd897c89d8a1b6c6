"""Timing helpers shared by the benchmarks: medians, p95 and ratios to a floor."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING


def timings_ms(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def row(label: str, samples: list[float], floor: list[float] | None = None) -> str:
    median = statistics.median(samples)
    ratio = f"{median / statistics.median(floor):8.1f}×" if floor else "   (floor)"
    return f"| {label:<58} | {median:9.3f} | {p95(samples):9.3f} | {ratio} |"


def header(title: str) -> str:
    return (
        f"\n### {title}\n\nmachine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}; times in ms\n\n"
        f"| {'measure':<58} | {'median':>9} | {'p95':>9} | {'vs floor':>9} |\n"
        f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|{'-' * 11}|"
    )


if TYPE_CHECKING:
    from acsrv_desktop.core.database import Database

OUT = Path(__file__).resolve().parent / "out"


def demo_database(
    name: str,
    *,
    visits: int,
    visitors: int,
    years: int = 10,
    seed: int = 7,
    until: date | None = None,
    prepare: Callable[[Database], None] | None = None,
) -> Path:
    """A SQLite database of synthetic data in bench/out/, generated once then reused
    (``until``: its last day, the same data whatever today is; ``prepare``: work done once on
    the new database, e.g. a first purge of its backlog)."""
    from acsrv_desktop.core.bootstrap import open_database
    from acsrv_desktop.core.demo import generate

    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}-{visitors}-{visits}.sqlite3"
    fresh = not path.exists()
    opened = open_database(f"sqlite:///{path}", backup_folder=OUT)
    try:
        if fresh:
            started = time.perf_counter()
            generate(
                opened.db, visits=visits, visitors=visitors, years=years, seed=seed, until=until
            )
            print(f"(database generated in {time.perf_counter() - started:.0f} s: {path})")
            if prepare is not None:
                prepare(opened.db)
    except BaseException:
        opened.db.dispose()
        path.unlink(missing_ok=True)
        raise
    opened.db.dispose()
    return path
