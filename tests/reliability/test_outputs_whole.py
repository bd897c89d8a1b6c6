"""Every output is written whole or not at all, and never over the application's own files.

The outputs — the attendance XLSX, CSV (.zip and folder) and PDF, a referral slip, a person's
data (PDF and JSON), the audit CSV, the catalogue — are written through the real code paths
the GUI and the command line call:

- aimed at the database, its -wal or -shm (by name, through a symbolic link, a ``..`` or a
  hard link), into the backups or the log folder, they are refused in French before anything
  is written: the database is as it was and no export is traced;
- on a full disk — a real one (a 512 KiB tmpfs, mounted when the tests run as root) and a
  simulated one (the temporary file's writes failing half-way with ENOSPC) — each gives one
  French line « Disque plein : … n’a pas été écrit … », the previous file is intact and no
  partial file is left; the command line exits 1 with that one line, no traceback;
- a PDF cut short is an error, never a success;
- a process killed with SIGKILL in the middle of an export leaves the previous file under
  its name, never a partial one.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from full_disk import disk_full_message, fail_half_way, needs_proc
from personal_data import log_personal_visit

from acsrv_desktop import paths
from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.accounts.audit import AuditFilter
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.figures import Period
from acsrv_desktop.core.bootstrap import open_database, sqlite_url
from acsrv_desktop.core.catalogue.datainclusion import export_json
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.services import Services

ADMIN = Actor.system("tests")
OCTOBER = Period.month(2026, 10)
PREVIOUS = b"export precedent, a garder tel quel\n"
WRITER = Path(__file__).with_name("export_writer.py")


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Database]:
    result = open_database(
        sqlite_url(tmp_path / "base" / "acsrv.sqlite3"), backup_folder=tmp_path / "sauvegardes"
    )
    log_personal_visit(Services(result.db, ADMIN))
    yield result.db
    result.db.dispose()


@pytest.fixture
def services(opened: Database) -> Services:
    return Services(opened, ADMIN)


def _exports(services: Services) -> list[dict]:
    return [e.details for e in services.audit.entries(AuditFilter(action="export"))]


def _visitor_id(db: Database) -> int:
    with db.read() as session:
        (visitor_id,) = session.connection().exec_driver_sql("SELECT id FROM visitor").one()
    return int(visitor_id)


# Each output, written the way the GUI or the command line writes it: ``prepare(services)``
# reads what it needs (a person's data read is traced), and returns what writes it to a path.
Writer = Callable[[Path], object]
Output = Callable[[Services], Writer]


def _attendance(kind: str, **options: object) -> Output:
    def prepare(services: Services) -> Writer:
        draw = None
        if kind == "pdf":
            from acsrv_desktop.gui.attendance.report_pdf import pdf_drawer

            draw = pdf_drawer(services.attendance.report(OCTOBER))
        return lambda path: services.attendance.export(
            kind, path, period=OCTOBER, draw_pdf=draw, **options
        )

    return prepare


def _slip(services: Services) -> Writer:
    from acsrv_desktop.gui.printing import save_pdf

    with services.db.read() as session:
        (visit_id,) = session.connection().exec_driver_sql("SELECT id FROM visit").one()
    html = services.slips.slip(int(visit_id)).html()
    return lambda path: save_pdf(html, path)


def _person_pdf(services: Services) -> Writer:
    from acsrv_desktop.gui.printing import save_document_pdf

    html = services.person_data.read(_visitor_id(services.db)).html()
    return lambda path: save_document_pdf(html, path, "Données conservées sur une personne")


def _person_json(services: Services) -> Writer:
    # What the person's data dialog runs in the background (gui/reception/person_data.py).
    text = services.person_data.read(_visitor_id(services.db)).as_json()
    return lambda path: atomic_output.write_text(path, text)


def _audit_csv(services: Services) -> Writer:
    return lambda path: services.audit.export_csv(path)


def _catalogue(services: Services) -> Writer:
    # What Administration › « Exporter le catalogue » runs (gui/administration/area.py).
    return lambda path: atomic_output.write_text(path, export_json(services.catalogue))


FILE_OUTPUTS: dict[str, tuple[str, Output]] = {
    "xlsx": ("frequentation.xlsx", _attendance("xlsx", detail=True)),
    "csv-zip": ("frequentation.zip", _attendance("csv")),
    "pdf": ("frequentation.pdf", _attendance("pdf")),
    "fiche": ("fiche.pdf", _slip),
    "personne-pdf": ("personne.pdf", _person_pdf),
    "personne-json": ("personne.json", _person_json),
    "journal": ("journal.csv", _audit_csv),
    "catalogue": ("catalogue.json", _catalogue),
}
QT_OUTPUTS = {"pdf", "fiche", "personne-pdf"}


def _needs_qt(name: str, request: pytest.FixtureRequest) -> None:
    if name in QT_OUTPUTS:
        request.getfixturevalue("qapp")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _integrity(database: Path) -> str:
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


# --- Refused targets -------------------------------------------------------------------------


def _database_file(tmp_path: Path) -> Path:
    return tmp_path / "base" / "acsrv.sqlite3"


TARGETS: dict[str, Callable[[Path], Path]] = {
    "la base": _database_file,
    "son -wal": lambda tmp: Path(f"{_database_file(tmp)}-wal"),
    "son -shm": lambda tmp: Path(f"{_database_file(tmp)}-shm"),
    "un lien vers la base": lambda tmp: _link(tmp / "lien.xlsx", _database_file(tmp)),
    "un lien vers le -wal": lambda tmp: _link(tmp / "lien.zip", Path(f"{_database_file(tmp)}-wal")),
    "un chemin avec ..": lambda tmp: tmp / "base" / ".." / "base" / "acsrv.sqlite3",
    "un lien dur": lambda tmp: _hard_link(tmp / "copie.xlsx", _database_file(tmp)),
    "un lien vers son dossier": lambda tmp: (
        _link(tmp / "raccourci", tmp / "base") / "acsrv.sqlite3"
    ),
}


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _hard_link(link: Path, target: Path) -> Path:
    os.link(target, link)
    return link


@pytest.mark.parametrize("output", sorted(FILE_OUTPUTS))
def test_an_output_never_replaces_the_database_or_its_companions(
    services: Services,
    opened: Database,
    tmp_path: Path,
    output: str,
    request: pytest.FixtureRequest,
) -> None:
    _needs_qt(output, request)
    database = _database_file(tmp_path)
    with opened.read() as session:  # a live connection: the -wal and -shm are there
        session.connection().exec_driver_sql("SELECT count(*) FROM visit").one()
        for target, make in TARGETS.items():
            path = make(tmp_path)
            write = FILE_OUTPUTS[output][1](services)
            before = _database_digests(database)
            with pytest.raises(UserFacingError, match="désigne .* rien n’a été écrit") as refused:
                write(path)
            assert "\n" not in str(refused.value), target
            assert _database_digests(database) == before, target
            assert list(atomic_output.partial_files(database.parent)) == [], target
            assert list(atomic_output.partial_files(tmp_path)) == [], target
    assert _integrity(database) == "ok"
    assert _exports(services) == []  # refused before the figures: nothing traced


def _database_digests(database: Path) -> dict[str, str]:
    """The database and its -wal (the -shm changes as connections read)."""
    return {p.name: _digest(p) for p in database.parent.iterdir() if not p.name.endswith("-shm")}


def _backups_targets(services: Services, tmp_path: Path) -> dict[str, Path]:
    chosen = tmp_path / "sauvegardes"  # the backups folder this database was opened with
    default = paths.backup_dir_path()  # the application's own
    default.mkdir(parents=True, exist_ok=True)
    logs = paths.user_log_dir()
    backup = services.maintenance.backup(chosen)
    elsewhere = services.maintenance.backup(tmp_path / "ailleurs")  # a backup anywhere
    return {
        "dans les sauvegardes": chosen / "frequentation.xlsx",
        "dans les sauvegardes par défaut": default / "frequentation.xlsx",
        "une sauvegarde": backup,
        "une sauvegarde ailleurs": elsewhere,
        "par un lien vers les sauvegardes": _link(tmp_path / "vers-sauvegardes", chosen) / "x.zip",
        "dans le journal": logs / "frequentation.xlsx",
        "le journal": logs / "acsrv-desktop.log",
    }


@pytest.mark.parametrize("output", ["xlsx", "csv-zip", "journal", "catalogue"])
def test_an_output_never_goes_into_the_backups_or_the_log(
    services: Services, tmp_path: Path, output: str
) -> None:
    for name, path in _backups_targets(services, tmp_path).items():
        existed = path.exists()
        before = _digest(path) if existed else None
        with pytest.raises(UserFacingError, match="désigne") as refused:
            FILE_OUTPUTS[output][1](services)(path)
        assert "choisissez un autre emplacement" in str(refused.value), name
        assert (_digest(path) if path.exists() else None) == before, name
        assert path.exists() == existed, name
        assert list(atomic_output.partial_files(path.parent)) == [], name
    assert _exports(services) == []


def test_csv_tables_never_go_into_the_backups_or_the_log_folder(
    services: Services, tmp_path: Path
) -> None:
    folders = [tmp_path / "sauvegardes", paths.backup_dir_path(), paths.user_log_dir()]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        before = sorted(p.name for p in folder.iterdir())
        with pytest.raises(UserFacingError, match="désigne"):
            services.attendance.export("csv", folder, period=OCTOBER)
        assert sorted(p.name for p in folder.iterdir()) == before
    assert _exports(services) == []


def test_the_command_line_refuses_the_database_as_output(
    opened: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from acsrv_desktop.cli.main import run

    database = _database_file(tmp_path)
    url = sqlite_url(database)
    before = _digest(database)
    for argv in (
        ["export", "--mois", "2026-10", "--format", "xlsx", "--output", str(database)],
        ["export", "--mois", "2026-10", "--format", "pdf", "--output", f"{database}-wal"],
        ["catalogue", "export", str(database)],
    ):
        assert run(["--db", url, *argv]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "rien n’a été écrit" in err[0], err
        assert _digest(database) == before
    assert _integrity(database) == "ok"


# --- A full disk ------------------------------------------------------------------------------


def _check_full_disk(error: UserFacingError, path: Path, folder: Path, before: set[str]) -> None:
    assert str(error) == disk_full_message(path)
    assert path.read_bytes() == PREVIOUS
    assert {p.name for p in folder.iterdir()} == before  # no partial file left


@needs_proc
@pytest.mark.parametrize("output", sorted(FILE_OUTPUTS))
def test_a_full_disk_leaves_the_previous_file_and_no_partial_one_simulated(
    services: Services,
    tmp_path: Path,
    output: str,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    _needs_qt(output, request)
    folder = tmp_path / "exports"
    folder.mkdir()
    name, prepare = FILE_OUTPUTS[output]
    path = folder / name
    path.write_bytes(PREVIOUS)
    write = prepare(services)
    failed = fail_half_way(monkeypatch)
    with pytest.raises(UserFacingError) as full:
        write(path)
    assert failed, "the output was not written through its temporary file"
    _check_full_disk(full.value, path, folder, {name})
    assert _exports(services) == []  # not traced: nothing was exported


@needs_proc
def test_a_full_disk_changes_none_of_the_csv_tables_of_a_folder(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tableaux"
    folder.mkdir()
    services.attendance.export("csv", folder, period=OCTOBER)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert len(before) > 3
    real_write = os.write
    written: list[str] = []

    def write(descriptor: int, data: bytes | memoryview) -> int:
        name = os.readlink(f"/proc/self/fd/{descriptor}")
        if name.endswith(atomic_output.PARTIAL_SUFFIX):
            written.append(name)
            if len(written) == 3:  # the third table meets the full disk
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(
        UserFacingError, match=f"^Disque plein : les .* fichiers de {re.escape(str(folder))} n’ont"
    ):
        services.attendance.export("csv", folder, period=Period.month(2026, 11))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # all of October's
    assert len(_exports(services)) == 1


@needs_proc
def test_the_command_line_says_disk_full_in_one_line_simulated(
    opened: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qapp: object,
) -> None:
    from acsrv_desktop.cli.main import run

    url = sqlite_url(_database_file(tmp_path))
    for argv, name in (
        (["export", "--mois", "2026-10", "--format", "pdf"], "rapport.pdf"),
        (["export", "--mois", "2026-10", "--format", "xlsx"], "rapport.xlsx"),
        (["catalogue", "export"], "catalogue.json"),
    ):
        path = tmp_path / name
        path.write_bytes(PREVIOUS)
        with monkeypatch.context() as patched:
            fail_half_way(patched)
            output = ["--output", str(path)] if argv[0] == "export" else [str(path)]
            assert run(["--db", url, *argv, *output]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"acsrv-desktop : {disk_full_message(path)}"]
        assert path.read_bytes() == PREVIOUS
        assert list(atomic_output.partial_files(tmp_path)) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 512 KiB file system (tmpfs), filled up but for a previous export; skipped
    where it cannot be mounted (not root, no CAP_SYS_ADMIN, not Linux)."""
    mount_point = tmp_path / "petit-disque"
    mount_point.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux (the simulated test covers it)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"tmpfs not mountable here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> None:
    """Every block of the file system taken (a filler file written until ENOSPC)."""
    with open(folder / "remplissage", "wb", buffering=0) as filler:
        block = b"\0" * 4096
        try:
            while True:
                filler.write(block)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with pytest.raises(OSError):
        (folder / "sonde").write_bytes(b"x" * 4096)
    (folder / "sonde").unlink(missing_ok=True)


@pytest.mark.slow
def test_a_real_full_disk_leaves_the_previous_file_and_no_partial_one(
    small_disk: Path, services: Services, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue("qapp")
    for name, _ in FILE_OUTPUTS.values():
        (small_disk / name).write_bytes(PREVIOUS)
    tables = small_disk / "tableaux"  # an earlier CSV export into a folder
    tables.mkdir()
    for name in ("00-synthese.csv", "01-besoins.csv"):
        (tables / name).write_bytes(PREVIOUS)
    _fill(small_disk)
    before = {p.name for p in small_disk.iterdir()}
    for name, prepare in FILE_OUTPUTS.values():
        write = prepare(services)
        with pytest.raises(UserFacingError) as full:
            write(small_disk / name)
        _check_full_disk(full.value, small_disk / name, small_disk, before)
    with pytest.raises(UserFacingError) as full:
        services.attendance.export("csv", tables, period=OCTOBER)
    assert str(full.value).startswith("Disque plein : les ")
    assert str(full.value).endswith(
        f"fichiers de {tables} n’ont pas été écrits (ceux qui s’y trouvaient sont intacts)."
    )
    assert {p.name: p.read_bytes() for p in tables.iterdir()} == {
        "00-synthese.csv": PREVIOUS,
        "01-besoins.csv": PREVIOUS,
    }
    assert _exports(services) == []


def _this_checkout() -> dict[str, str]:
    """A child process imports the package under test (this checkout's), not an installed one."""
    root = str(Path(atomic_output.__file__).parents[2])
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }


@pytest.mark.slow
def test_a_pdf_on_a_real_full_disk_fails_from_the_command_line(
    small_disk: Path, opened: Database, tmp_path: Path
) -> None:
    """The issue's case: a PDF cut short by a full disk was reported as a success (exit 0)."""
    path = small_disk / "rapport.pdf"
    path.write_bytes(PREVIOUS)
    _fill(small_disk)
    url = sqlite_url(_database_file(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "--db", url, "export", "--mois", "2026-10"]
        + ["--format", "pdf", "--output", str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**_this_checkout(), "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [f"acsrv-desktop : {disk_full_message(path)}"]
    assert path.read_bytes() == PREVIOUS
    assert {p.name for p in small_disk.iterdir()} == {"rapport.pdf", "remplissage"}


# --- A PDF cut short -------------------------------------------------------------------------


def test_a_pdf_cut_short_is_an_error_and_nothing_is_written(
    services: Services, tmp_path: Path, qapp: object
) -> None:
    from acsrv_desktop.gui.attendance.report_pdf import pdf_drawer

    report = services.attendance.report(OCTOBER)
    draw = pdf_drawer(report)
    whole = draw(report)
    assert atomic_output.pdf_is_complete(whole)
    path = tmp_path / "rapport.pdf"
    path.write_bytes(PREVIOUS)
    cut_short = {
        "sans fin": whole[: len(whole) // 2],
        "sans %%EOF": whole[: whole.rindex(b"%%EOF")],
        "un morceau en moins": whole[:1000] + whole[5000:],
        "vide": b"",
    }
    for why, data in cut_short.items():
        with pytest.raises(UserFacingError, match="n’a pas pu être produit en entier") as error:
            services.attendance.export("pdf", path, report=report, draw_pdf=lambda _r, d=data: d)
        assert "\n" not in str(error.value), why
        assert path.read_bytes() == PREVIOUS, why
    assert list(atomic_output.partial_files(tmp_path)) == []
    assert _exports(services) == []
    services.attendance.export("pdf", path, report=report, draw_pdf=lambda _r: whole)
    assert path.read_bytes() == whole and len(_exports(services)) == 1


def test_the_pdfs_qt_writes_are_complete(services: Services, qapp: object) -> None:
    from acsrv_desktop.gui.printing import document_pdf, slip_pdf

    with services.visits.db.read() as session:
        (visit_id,) = session.connection().exec_driver_sql("SELECT id FROM visit").one()
    slip = slip_pdf(services.slips.slip(int(visit_id)).html())
    data = document_pdf(services.person_data.read(_visitor_id(services.visits.db)).html(), "x")
    for pdf in (slip, data):
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert atomic_output.pdf_is_complete(pdf)
        assert not atomic_output.pdf_is_complete(pdf[:-200])


# --- A process killed while it writes --------------------------------------------------------


@pytest.mark.slow
@needs_proc  # the writer finds its temporary file through /proc
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_an_export_killed_half_way_leaves_the_previous_file(
    opened: Database, tmp_path: Path
) -> None:
    target = tmp_path / "frequentation.xlsx"
    target.write_bytes(PREVIOUS)
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), sqlite_url(_database_file(tmp_path)), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**_this_checkout(), "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 90
        line = ""
        while time.monotonic() < deadline and "en cours d’écriture" not in line:
            line = writer.stdout.readline() if writer.stdout else ""
            if not line and writer.poll() is not None:
                break
        assert "en cours d’écriture" in line, writer.stderr.read() if writer.stderr else ""
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert target.read_bytes() == PREVIOUS  # never a partial workbook under its name
    left = list(atomic_output.partial_files(tmp_path))
    assert len(left) == 1 and left[0].name.startswith(".frequentation.xlsx.")
    assert left[0].stat().st_size > 0 and oct(left[0].stat().st_mode & 0o777) == "0o600"
