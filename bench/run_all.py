"""Every benchmark, one after the other, and the table of their figures in bench/RESULTS.md.

    .venv/bin/python bench/run_all.py

The databases of synthetic data (1,000,000 visits) are generated once into bench/out/ and
reused. Each benchmark runs in its own process and prints its table; this script prints them
all again at the end and writes them, with the command and the date, to bench/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    "bench_search.py",
    "bench_reception.py",
    "bench_export.py",
    "bench_purge.py",
    "bench_backup.py",
    "bench_audit_chain.py",
    "bench_startup.py",
    "bench_memory.py",
)


# With a test server (ACSRV_BENCH_POSTGRESQL_URL, see bench_server.py), the server too, at
# the size of the others: 200,000 visitors and 1,000,000 visits.
SERVER = ("bench_server.py", "--visitors", "200000", "--visits", "1000000", "--repeat", "50")


def run(script: str, *arguments: str) -> tuple[str, float]:
    started = time.perf_counter()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    process = subprocess.run(
        [sys.executable, str(HERE / script), *arguments], capture_output=True, text=True, env=env
    )
    if process.returncode != 0:
        raise SystemExit(f"{script} a échoué :\n{process.stdout}\n{process.stderr}")
    return process.stdout, time.perf_counter() - started


def main() -> None:
    started = time.perf_counter()
    parts = []
    runs: list[tuple[str, ...]] = [(script,) for script in BENCHMARKS]
    if os.environ.get("ACSRV_BENCH_POSTGRESQL_URL"):
        runs.append(SERVER)
    for script, *arguments in runs:
        print(f"… {script}", file=sys.stderr, flush=True)
        output, seconds = run(script, *arguments)
        print(output, flush=True)
        parts.append(output.strip() + f"\n\n({script}: {seconds:.0f} s)\n")
    total = time.perf_counter() - started
    cpus = os.cpu_count()
    intro = (
        "# Benchmark results\n\n"
        f"Printed by `.venv/bin/python bench/run_all.py` on {datetime.now():%d/%m/%Y %H:%M}, "
        f"in {total / 60:.1f} min, on this {cpus}-core machine ({platform.machine()}, "
        f"Python {platform.python_version()}; a shared host, so noisy: medians of repeated "
        "runs, p95 beside them, each against a floor measured in the same run).\n"
    )
    (HERE / "RESULTS.md").write_text(intro + "\n" + "\n".join(parts), encoding="utf-8")
    print(f"Tous les bancs en {total / 60:.1f} min ; tableau écrit dans bench/RESULTS.md.")


if __name__ == "__main__":
    main()
