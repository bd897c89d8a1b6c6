"""The command line: French help and errors, exit codes, the same services as the GUI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from acsrv_desktop import __version__
from acsrv_desktop.cli.argparse_fr import translate_error
from acsrv_desktop.cli.main import run
from acsrv_desktop.core.bootstrap import resolve_database_url


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"acsrv-desktop {__version__}"


def test_help_is_in_french(capsys):
    with pytest.raises(SystemExit):
        run(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : acsrv-desktop")
    assert "affiche cette aide et quitte" in out
    assert "crée ou met à jour la base locale SQLite" in out
    assert "prépare (init) ou met à jour (migrate) une base PostgreSQL" in out
    assert "show this help" not in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["info", "--bogus"], "argument(s) non reconnu(s) : --bogus"),
        (["inconnue"], "choix invalide : 'inconnue'"),
        (["migrate", "--db"], "argument --db : une valeur est attendue"),
        (["info", "--db", "mysql://serveur/base"], "non pris en charge"),
    ],
)
def test_bad_arguments_give_one_french_line_and_exit_2(argv, fragment, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("acsrv-desktop")
    assert fragment in lines[0]
    assert "erreur" in lines[0]


def test_unknown_argparse_messages_are_kept():
    assert translate_error("quelque chose d'autre") == "quelque chose d'autre"
    assert translate_error("argument --x: expected one argument") == (
        "argument --x : une valeur est attendue"
    )


def test_migrate_then_info_on_the_same_database(empty_database_url, backend, capsys):
    if backend == "postgresql":  # a workstation never migrates a shared server: IT does
        assert run(["--db", empty_database_url, "migrate"]) == 1
        assert "Le service informatique doit lancer : acsrv-desktop server init" in (
            capsys.readouterr().err
        )
        assert run(["server", "migrate", "--db", empty_database_url]) == 0
    else:
        assert run(["--db", empty_database_url, "migrate"]) == 0
    assert "Base de données créée" in capsys.readouterr().out
    assert run(["info", "--db", empty_database_url]) == 0
    out = capsys.readouterr().out
    assert f"acsrv-desktop {__version__}" in out
    assert "Base de données à jour" in out


def test_a_database_that_cannot_be_opened_is_one_french_line_and_exit_1(tmp_path, capsys):
    garbage = tmp_path / "x.sqlite3"
    garbage.write_bytes(b"\x00garbage" * 64)
    assert run(["--db", f"sqlite:///{garbage}", "info"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "n'est pas une base de données lisible" in err[0]


def test_database_url_precedence(monkeypatch):
    env = {"ACSRV_DATABASE_URL": "postgresql+psycopg://u@serveur/acsrv"}
    assert resolve_database_url("sqlite:////tmp/a.sqlite3", env) == "sqlite:////tmp/a.sqlite3"
    assert resolve_database_url(None, env) == "postgresql+psycopg://u@serveur/acsrv"
    default = resolve_database_url(None, {})
    assert default.startswith("sqlite:///") and default.endswith("acsrv.sqlite3")
    assert os.environ["XDG_DATA_HOME"] in default  # the user's data folder


def test_environment_variable_is_used_by_the_commands(tmp_path, monkeypatch, capsys):
    path = tmp_path / "depuis-env.sqlite3"
    monkeypatch.setenv("ACSRV_DATABASE_URL", f"sqlite:///{path}")
    assert run(["migrate"]) == 0
    assert path.exists()


def test_python_dash_m_runs_the_same_program():
    result = subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == f"acsrv-desktop {__version__}"


def test_route_json_gives_the_ranked_programmes_with_reasons(migrated_database_url, capsys):
    import json

    assert (
        run(
            [
                "--db",
                migrated_database_url,
                "route",
                "--age",
                "19",
                "--situation",
                "ni-emploi-ni-formation",
                "--need",
                "trouver-un-emploi",
                "--commune",
                "Denain",
                "--json",
            ]
        )
        == 0
    )
    results = json.loads(capsys.readouterr().out)
    first = results[0]
    assert first["id"] == "initiative-emploi-jeunes" and first["eligible"] is True
    assert set(first) >= {"id", "name", "score", "eligible", "reasons", "contact"}
    assert set(first["contact"]) >= {"name", "phone", "email"}
    assert all(isinstance(r, str) for r in first["reasons"])
    flags = [r["eligible"] for r in results]
    assert flags == sorted(flags, reverse=True)


def test_route_in_plain_french(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    assert run(["--db", url, "route", "--gender", "homme"]) == 0
    out = capsys.readouterr().out
    assert "Programmes qui conviennent :" in out
    assert "Les Z’elles : réservé aux femmes" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["route", "--age", "cent"], "âge invalide « cent »"),
        (["route", "--age", "150"], "entre 0 et 120"),
        (["route", "--gender", "x"], "choix invalide"),
        (["route", "--situation", "riche"], "situation inconnue « riche »"),
        (["route", "--need", "vacances"], "thématique inconnue « vacances »"),
    ],
)
def test_route_bad_arguments(argv, fragment, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and fragment in err[0]


def test_export_a_month_from_the_command_line(tmp_path, capsys):
    import openpyxl

    url = f"sqlite:///{tmp_path / 'e.sqlite3'}"
    assert run(["--db", url, "demo-data", "--visits", "400", "--visitors", "80"]) == 0
    out = tmp_path / "mois.xlsx"
    from datetime import date

    month = f"{date.today():%Y-%m}"
    assert (
        run(["--db", url, "export", "--month", month, "--format", "xlsx", "--output", str(out)])
        == 0
    )
    assert "passages" in capsys.readouterr().out
    assert "Synthèse" in openpyxl.load_workbook(out).sheetnames
    assert (
        run(
            [
                "--db",
                url,
                "export",
                "--month",
                month,
                "--centre",
                "Nulle part",
                "--format",
                "csv",
                "--output",
                str(tmp_path / "x.zip"),
            ]
        )
        == 1
    )
    assert "Centre inconnu « Nulle part »" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        run(["export", "--month", "2026-13", "--format", "xlsx", "--output", "x"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--format", "pdf", "--output", "/nulle/part/x.pdf"], "n’existe pas"),
        (["--format", "xlsx", "--output", "{tmp}"], "est un dossier"),
        (["--format", "csv", "--output", "{tmp}/rapport.csv"], "plusieurs tableaux"),
        (["--format", "csv", "--detail", "--output", "{tmp}/x.zip"], "--detail ne s’applique"),
    ],
)
def test_export_refuses_outputs_it_cannot_write(tmp_path, capsys, extra, fragment):
    url = f"sqlite:///{tmp_path / 'e.sqlite3'}"
    argv = ["--db", url, "export", "--month", "2026-10"] + [a.format(tmp=tmp_path) for a in extra]
    assert run(argv) == 1
    assert fragment in capsys.readouterr().err
    assert not (tmp_path / "rapport.csv").exists()


@pytest.mark.parametrize(
    "month", ["2026-1", "２０２６-１１", "20_26-11", "+2026-+11", "2026-11-01"]
)
def test_export_months_are_strict(month, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["export", "--month", month, "--format", "xlsx", "--output", "x.xlsx"])
    assert exit_info.value.code == 2
    assert "Mois invalide" in capsys.readouterr().err


def test_backup_then_restore_from_the_command_line(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert run(["--db", url, "backup", "--folder", str(tmp_path / "copies")]) == 0
    made = capsys.readouterr().out.split(" : ", 1)[1].strip()
    assert run(["--db", url, "restore", made]) == 1  # no keyboard here: --yes is required
    assert "--yes" in capsys.readouterr().err
    assert run(["--db", url, "restore", made, "--yes"]) == 0
    assert "Base restaurée" in capsys.readouterr().out
    bogus = tmp_path / "faux.sqlite3"
    bogus.write_text("rien")
    assert run(["--db", url, "restore", str(bogus), "--yes"]) == 1
    assert "restauration refusée" in capsys.readouterr().err


def test_backup_verify_reads_a_file_whole_and_says_what_it_holds(tmp_path, capsys):
    from tests.damage import damage_table

    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert run(["--db", url, "backup", "--folder", str(tmp_path / "copies")]) == 0
    made = capsys.readouterr().out.split(" : ", 1)[1].strip()
    assert run(["backup", "--verify", made]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Sauvegarde valide : {made} — intègre") and "0 passage(s)." in said
    damage_table(Path(made))
    assert run(["backup", "--verify", made]) == 1
    refused = capsys.readouterr().err
    assert refused.count("\n") == 1 and "endommagé : elle ne pourrait pas être restaurée" in refused
    assert run(["backup", "--verify", str(tmp_path / "absent.sqlite3")]) == 1
    assert "Fichier introuvable" in capsys.readouterr().err


def test_a_damaged_database_gives_one_french_line_to_export_and_to_backup(tmp_path, capsys):
    from datetime import date

    from tests.damage import damage_table

    path = tmp_path / "e.sqlite3"
    url = f"sqlite:///{path}"
    assert run(["--db", url, "demo-data", "--visits", "400", "--visitors", "80"]) == 0
    capsys.readouterr()
    damage_table(path)
    before = path.read_bytes()
    out = tmp_path / "mois.xlsx"
    month = f"{date.today():%Y-%m}"
    argv = ["--db", url, "export", "--month", month, "--format", "xlsx", "--output", str(out)]
    assert run(argv) == 1
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "La base de données est endommagée" in said
    assert not out.exists()
    assert run(["--db", url, "backup", "--folder", str(tmp_path / "copies")]) == 1
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "aucune sauvegarde n’en a été faite" in said
    assert not list(tmp_path.glob("copies/*"))
    assert path.read_bytes() == before


def test_backup_of_a_postgresql_database_is_the_servers(capsys):
    assert run(["--db", "postgresql+psycopg://u@127.0.0.1:1/acsrv", "backup"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_purge_says_what_it_did(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert run(["--db", url, "purge", "--dry-run"]) == 0
    assert "seraient anonymisées" in capsys.readouterr().out
    assert run(["--db", url, "purge"]) == 0
    assert "0 fiche(s) anonymisées" in capsys.readouterr().out


def test_commands_sign_in_once_the_database_has_accounts(tmp_path, capsys, monkeypatch):
    from sqlalchemy import select

    from acsrv_desktop.core.accounts.roles import Role
    from acsrv_desktop.core.accounts.service import AccountInput, AccountService
    from acsrv_desktop.core.bootstrap import open_database
    from acsrv_desktop.core.models import AuditEntry, Centre

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    db = open_database(url).db
    accounts = AccountService(db)
    admin = accounts.create_first_administrator("direction", "Claire", "Accueil-Denain-2026", None)
    with db.read() as session:
        first_centre = session.scalar(select(Centre.id))
    accounts.create(
        admin, AccountInput("marie", "Marie", Role.ACCUEIL, first_centre), "Accueil-Denain-2026"
    )
    monkeypatch.delenv("ACSRV_MOT_DE_PASSE", raising=False)
    assert run(["--db", url, "purge", "--dry-run"]) == 1
    assert "--identifiant" in capsys.readouterr().err
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", "Mauvais-Essai-2026")
    assert run(["--db", url, "purge", "--identifiant", "direction"]) == 1
    assert "incorrect" in capsys.readouterr().err
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", "Accueil-Denain-2026")
    assert run(["--db", url, "purge", "--identifiant", "marie"]) == 1
    assert "Votre rôle (Accueil)" in capsys.readouterr().err
    output = tmp_path / "octobre.xlsx"
    argv = [
        "--db",
        url,
        "export",
        "--month",
        "2026-10",
        "--format",
        "xlsx",
        "--output",
        str(output),
    ]
    assert run([*argv, "--identifiant", "marie"]) == 1 and not output.exists()
    assert run([*argv, "--identifiant", "direction"]) == 0 and output.exists()
    assert run(["--db", url, "purge", "--identifiant", "direction"]) == 0
    with db.read() as session:
        trail = list(session.execute(select(AuditEntry.actor, AuditEntry.action)))
    assert ("direction", "export") in trail and ("direction", "anonymisation") in trail
    db.dispose()


def test_export_a_quarter_a_year_or_chosen_days(tmp_path, capsys):
    """One period at a time, each said in French; an incomplete or doubled choice refused
    before anything is opened."""
    import openpyxl

    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert run(["--db", url, "demo-data", "--visits", "400", "--visitors", "80"]) == 0
    capsys.readouterr()
    out = str(tmp_path / "p.xlsx")
    for period, said in (
        (["--trimestre", "2026-T1"], "Fréquentation 1er trimestre 2026"),
        (["--annee", "2025"], "Fréquentation année 2025"),
        (["--du", "2026-01-15", "--au", "2026-02-14"], "du 15/01/2026 au 14/02/2026"),
    ):
        assert run(["--db", url, "export", *period, "--format", "xlsx", "--output", out]) == 0
        assert said in capsys.readouterr().out
        summary = dict(
            row[:2]
            for row in openpyxl.load_workbook(out)["Synthèse"].iter_rows(
                min_row=3, values_only=True
            )
        )
        assert summary["Période"] in said
    for period, refusal in (
        ([], "Indiquez la période"),
        (["--du", "2026-01-15"], "demande --du et --au"),
        (["--annee", "2025", "--au", "2025-02-01"], "une seule période"),
        (["--du", "2026-03-01", "--au", "2026-01-01"], "est avant le premier"),
    ):
        assert run(["--db", url, "export", *period, "--format", "xlsx", "--output", out]) == 1
        assert refusal in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run(["--db", url, "export", "--trimestre", "2026-T5", "--format", "xlsx", "--output", out])
    assert "Trimestre invalide" in capsys.readouterr().err


def _with_a_desk_visit(path) -> str:
    """An SQLite file holding one visit saved at the desk; its URL."""
    from datetime import UTC, datetime

    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.bootstrap import open_database, sqlite_url
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    url = sqlite_url(path)
    db = open_database(url, backup_folder=path.parent / "sauvegardes").db
    try:
        VisitService(db, Actor.system("tests")).log_visit(
            VisitInput(
                CentreService(db).centres()[0].id,
                "telephone",
                datetime.now(UTC),
                ("numerique",),
                visitor=VisitorInput("Nouvelle", "Personne", 1990),
            )
        )
    finally:
        db.dispose()
    return url


def _visit_count(url: str) -> int:
    from sqlalchemy import func, select

    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.models import Visit

    db = Database(url)
    try:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(Visit)) or 0
    finally:
        db.dispose()


def test_demo_data_goes_only_where_it_belongs(tmp_path, capsys, monkeypatch):
    """Refused on a database holding a real visit, in one French line, nothing written;
    --force lets it through only on a copy named with --db — never the workstation's own
    database, named or not."""
    from acsrv_desktop import paths

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "donnees"))
    copy = _with_a_desk_visit(tmp_path / "copie.sqlite3")
    capsys.readouterr()
    assert run(["--db", copy, "demo-data", "--visits", "20"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("acsrv-desktop : Cette base contient 1 passage réel (saisi à l’accueil")
    assert line.endswith("Rien n’a été écrit.")
    assert _visit_count(copy) == 1
    assert run(["--db", copy, "demo-data", "--visits", "20", "--force"]) == 0
    assert _visit_count(copy) == 21

    own = _with_a_desk_visit(paths.default_database_path())
    for named in ([], ["--db", own]):
        capsys.readouterr()
        assert run([*named, "demo-data", "--visits", "20", "--force"]) == 1
        (line,) = capsys.readouterr().err.splitlines()
        assert "--force ne vaut que pour une copie d’essai nommée par --db" in line
        assert _visit_count(own) == 1


def test_catalogue_export_writes_valid_data_inclusion_v1_and_imports_back(tmp_path, capsys):
    """``catalogue export``: every record valid for data·inclusion's official v1 models."""
    import json

    from data_inclusion.schema.v1 import Service, Structure

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    out = tmp_path / "catalogue.json"
    assert run(["--db", url, "catalogue", "export", str(out)]) == 0
    assert "Catalogue exporté" in capsys.readouterr().out
    document = json.loads(out.read_text(encoding="utf-8"))
    for structure in document["structures"]:
        Structure.model_validate(structure, context={"ignore_warnings": False})
    for service in document["services"]:
        Service.model_validate(service, context={"ignore_warnings": False})
    other = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    assert run(["--db", other, "catalogue", "import", str(out)]) == 0
    assert "Import terminé" in capsys.readouterr().out
    again = tmp_path / "encore.json"
    assert run(["--db", other, "catalogue", "export", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
