"""``acsrv-desktop account``: staff accounts from the command line, through the accounts
service, on both backends; what was written is read back with plain SQL."""

from __future__ import annotations

import getpass
import io
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from acsrv_desktop.cli.main import run
from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.server_logins import SERVER_CHECKED
from acsrv_desktop.core.accounts.service import AccountInput, AccountService, SignInError
from acsrv_desktop.core.database import Database

ADMIN_PASSWORD = "Claire-Denain-2026"
NEW_PASSWORD = "Accueil-Saulve-2026!"
LUDOTHEQUE = "Ludothèque de l’ACSRV"


def sql(url: str, statement: str, **params: object) -> list[tuple[object, ...]]:
    """Rows of a plain SQL query, on a connection of its own (not the application's)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(statement), params)]
    finally:
        engine.dispose()


def accounts_in(url: str) -> list[tuple[object, ...]]:
    return sql(
        url,
        "SELECT a.login, a.display_name, a.role, c.name, a.active FROM staff_account a "
        "LEFT JOIN centre c ON c.id = a.centre_id ORDER BY a.login",
    )


def creations_in(url: str) -> list[tuple[object, ...]]:
    return sql(
        url,
        "SELECT actor, record_id FROM audit_entry WHERE action = 'compte-cree' ORDER BY id",
    )


@pytest.fixture
def database(database_before_any_account: Database) -> Database:
    """The database as IT reaches it, to arrange and check: here each person acts through
    the command line or the sign-in window, with their own login (on the server)."""
    return database_before_any_account


@pytest.fixture
def url(migrated_database_url: str) -> str:
    return migrated_database_url


@pytest.fixture
def admin(
    database_before_any_account: Database, url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A database with one administrator, ``direction`` (made by the set-up wizard, or on the
    server by ``server init``), whose password the CLI reads from ACSRV_MOT_DE_PASSE; the new
    account's from ACSRV_NOUVEAU_MOT_DE_PASSE."""
    AccountService(database_before_any_account).create_first_administrator(
        "direction", "Claire Martin", ADMIN_PASSWORD, None
    )
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", ADMIN_PASSWORD)
    monkeypatch.setenv("ACSRV_NOUVEAU_MOT_DE_PASSE", NEW_PASSWORD)
    yield url


def _workstation(url: str) -> str:
    """The server's address as a desk has it: no login."""
    from sqlalchemy.engine import make_url

    return make_url(url)._replace(username=None, password=None).render_as_string(False)


def account(url: str, *argv: str, signer: str | None = "direction") -> int:
    identity = ["--identifiant", signer] if signer else []
    return run(["--db", url, "account", *argv, *identity])


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """A keyboard typing ``answers`` at getpass; returns the prompts shown."""
    prompts: list[str] = []
    queue = list(answers)

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


def test_help_is_in_french(capsys):
    with pytest.raises(SystemExit):
        run(["--help"])
    assert "crée, liste ou désactive les comptes" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run(["account", "create", "--help"])
    out = capsys.readouterr().out
    assert "--centre NOM" in out and "show this help" not in out
    assert "Au moins 12 caractères" in out
    with pytest.raises(SystemExit) as exit_info:
        run(["account"])
    assert exit_info.value.code == 2
    assert "argument(s) obligatoire(s) manquant(s) : ACTION" in capsys.readouterr().err


def test_the_first_account_is_an_administrator_made_without_signing_in(url, capsys, monkeypatch):
    monkeypatch.setenv("ACSRV_NOUVEAU_MOT_DE_PASSE", ADMIN_PASSWORD)
    argv = ["create", "--login", "Direction", "--name", " Claire Martin "]
    assert account(url, *argv, "--role", "accueil", "--centre", LUDOTHEQUE, signer=None) == 1
    assert "le premier est un compte d’administration" in capsys.readouterr().err
    assert accounts_in(url) == []
    assert account(url, *argv, "--role", "administration", signer=None) == 0
    assert "Compte créé : direction — Claire Martin (Administration)." in capsys.readouterr().out
    assert accounts_in(url) == [("direction", "Claire Martin", "administration", None, True)]
    # The set-up wizard's path: the new administrator is the author of its own creation.
    assert [actor for actor, _ in creations_in(url)] == ["direction"]
    # Now that the base has accounts, the command line asks who runs it (on the server, at a
    # workstation's address: the owner's own is IT's, who may do everything there anyway).
    desk = url if url.startswith("sqlite") else _workstation(url)
    assert account(desk, *argv, "--role", "administration", signer=None) == 1
    assert "--identifiant" in capsys.readouterr().err
    assert len(accounts_in(url)) == 1


def test_an_administrator_creates_an_accueil_account_of_a_centre(admin, database, capsys):
    argv = ["create", "--login", "Marie.Curie", "--name", "Marie Curie", "--role", "accueil"]
    assert account(admin, *argv, "--centre", "ludotheque de l'acsrv") == 0
    assert "marie.curie — Marie Curie (Accueil, Ludothèque de l’ACSRV)" in capsys.readouterr().out
    assert accounts_in(admin) == [
        ("direction", "Claire Martin", "administration", None, True),
        ("marie.curie", "Marie Curie", "accueil", LUDOTHEQUE, True),
    ]
    (new_id,) = sql(admin, "SELECT id FROM staff_account WHERE login = 'marie.curie'")[0]
    assert creations_in(admin)[-1] == ("direction", str(new_id))
    (stored_hash,) = sql(admin, "SELECT password_hash FROM staff_account WHERE id = :i", i=new_id)[
        0
    ]
    if admin.startswith("sqlite"):
        assert str(stored_hash).startswith("$argon2id$") and NEW_PASSWORD not in str(stored_hash)
    else:  # a PostgreSQL login of the accueil group, its password checked by the server
        assert stored_hash == SERVER_CHECKED
        (login,) = sql(
            admin,
            "SELECT rolcanlogin AND pg_has_role(oid, 'acsrv_accueil', 'MEMBER') FROM pg_roles "
            "WHERE rolname = 'marie.curie'",
        )[0]
        assert login is True
    signed_in = AccountService(database).sign_in("marie.curie", NEW_PASSWORD)
    assert signed_in.role == Role.ACCUEIL


def test_coordination_and_administration_need_no_centre(admin, capsys):
    assert (
        account(admin, "create", "--login", "paul", "--name", "Paul", "--role", "coordination") == 0
    )
    assert (
        account(admin, "create", "--login", "ines", "--name", "Inès", "--role", "administration")
        == 0
    )
    roles = {login: (role, centre) for login, _, role, centre, _ in accounts_in(admin)}
    assert roles["paul"] == ("coordination", None) and roles["ines"] == ("administration", None)


def test_a_referent_account_answers_for_one_or_more_programmes(admin, database, capsys):
    argv = ["create", "--login", "rita", "--name", "Rita Forum", "--role", "referent"]
    assert account(admin, *argv, "--programme", "forum-citoyen", "cites-lab") == 0
    out = capsys.readouterr().out
    assert "rita — Rita Forum (Référent de programme, programmes : forum-citoyen, cites-lab)" in out
    assert sql(
        admin,
        "SELECT a.role, p.programme_id FROM programme_referent p "
        "JOIN staff_account a ON a.id = p.account_id ORDER BY p.programme_id",
    ) == [("referent", "cites-lab"), ("referent", "forum-citoyen")]
    if not admin.startswith("sqlite"):  # a PostgreSQL login of the référents' group
        (member,) = sql(admin, "SELECT pg_has_role('rita', 'acsrv_referent', 'MEMBER')")[0]
        assert member is True
    assert AccountService(database).sign_in("rita", NEW_PASSWORD).role == Role.REFERENT


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--role", "referent"], "indiquez --programme ID"),
        (
            ["--role", "referent", "--programme", "forum-citoyen", "nulle-part"],
            "Programme inconnu du catalogue : « nulle-part ». Aucun compte créé.",
        ),
        (
            ["--role", "coordination", "--programme", "forum-citoyen"],
            "--programme ne sert qu’à un compte de référent",
        ),
    ],
)
def test_a_referent_account_is_refused_in_french_without_known_programmes(
    admin, capsys, argv, fragment
):
    assert account(admin, "create", "--login", "rita", "--name", "Rita", *argv) == 1
    assert fragment in capsys.readouterr().err
    assert [login for login, *_ in accounts_in(admin)] == ["direction"]


@pytest.mark.parametrize(
    ("argv", "new_password", "fragment"),
    [
        (
            ["--role", "accueil", "--centre", "Nulle part"],
            NEW_PASSWORD,
            "Centre inconnu « Nulle part » (centres : Centre socio-culturel de Fresnes-sur-Escaut, "
            "Ludothèque de l’ACSRV, Maison de Quartier de Saint-Saulve, Siège de l’ACSRV)",
        ),
        (
            ["--role", "accueil"],
            NEW_PASSWORD,
            "Un compte d’accueil est rattaché à un centre : indiquez --centre NOM (centres : "
            "Centre socio",
        ),
        (["--role", "coordination"], "court", "Mot de passe trop faible : au moins 12 caractères"),
        (["--role", "coordination"], "Marie.Curie-2026!", "ne pas contenir l’identifiant"),
        (["--role", "coordination", "--name", "   "], NEW_PASSWORD, "Indiquez le nom"),
        (["--role", "coordination", "--login", "é"], NEW_PASSWORD, "Identifiant : 2 à 40"),
        (
            ["--role", "coordination", "--login", "Direction"],
            NEW_PASSWORD,
            "« direction » est déjà",
        ),
    ],
)
def test_refusals_write_no_account(admin, capsys, monkeypatch, argv, new_password, fragment):
    monkeypatch.setenv("ACSRV_NOUVEAU_MOT_DE_PASSE", new_password)
    before = accounts_in(admin), creations_in(admin)
    defaults = {"--login": "marie.curie", "--name": "Marie Curie"}
    for option, value in zip(argv[::2], argv[1::2], strict=True):
        defaults[option] = value
    assert account(admin, "create", *(x for pair in defaults.items() for x in pair)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("acsrv-desktop : ") and fragment in err[0], err
    assert (accounts_in(admin), creations_in(admin)) == before


def test_an_unknown_role_is_an_argument_error(admin, capsys):
    with pytest.raises(SystemExit) as exit_info:
        account(admin, "create", "--login", "marie", "--name", "Marie", "--role", "chef")
    assert exit_info.value.code == 2
    assert "choix invalide : 'chef' (possibles : 'accueil'" in capsys.readouterr().err
    assert len(accounts_in(admin)) == 1


def test_only_an_administrator_creates_accounts(admin, database, capsys, monkeypatch):
    service = AccountService(database)
    direction = service.sign_in("direction", ADMIN_PASSWORD)
    service.create(
        direction, AccountInput("paul", "Paul", Role.COORDINATION, None), "Coordination-2026!"
    )
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", "Coordination-2026!")
    prompts = typed(monkeypatch)  # nothing may be asked: refused before the new password
    before = accounts_in(admin)
    argv = ["create", "--login", "ines", "--name", "Inès", "--role", "administration"]
    monkeypatch.delenv("ACSRV_NOUVEAU_MOT_DE_PASSE")
    assert account(admin, *argv, signer="paul") == 1
    assert "Votre rôle (Coordination) ne permet pas de gérer les comptes" in capsys.readouterr().err
    assert prompts == [] and accounts_in(admin) == before
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", "Mauvais-Essai-2026!")
    assert account(admin, *argv) == 1
    assert "Identifiant ou mot de passe incorrect." in capsys.readouterr().err
    assert accounts_in(admin) == before


def test_the_new_password_is_typed_twice(admin, capsys, monkeypatch):
    monkeypatch.delenv("ACSRV_NOUVEAU_MOT_DE_PASSE")
    argv = ["create", "--login", "paul", "--name", "Paul", "--role", "coordination"]
    prompts = typed(monkeypatch, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert account(admin, *argv) == 1
    assert "Les deux mots de passe saisis diffèrent" in capsys.readouterr().err
    assert prompts == ["Nouveau mot de passe : ", "Le même, pour confirmer : "]
    assert [row[0] for row in accounts_in(admin)] == ["direction"]
    typed(monkeypatch, NEW_PASSWORD, NEW_PASSWORD)
    assert account(admin, *argv) == 0
    assert "Au moins 12 caractères" in capsys.readouterr().err  # the policy, said first
    assert [row[0] for row in accounts_in(admin)] == ["direction", "paul"]


def test_without_a_terminal_the_new_password_comes_from_the_environment(admin, capsys, monkeypatch):
    monkeypatch.delenv("ACSRV_NOUVEAU_MOT_DE_PASSE")
    monkeypatch.setattr("sys.stdin", io.StringIO())
    argv = ["create", "--login", "paul", "--name", "Paul", "--role", "coordination"]
    assert account(admin, *argv) == 1
    assert "variable ACSRV_NOUVEAU_MOT_DE_PASSE (pas de terminal)" in capsys.readouterr().err
    assert len(accounts_in(admin)) == 1


def test_list_in_columns_and_in_json(admin, database, capsys, monkeypatch):
    service = AccountService(database)
    direction = service.sign_in("direction", ADMIN_PASSWORD)
    centre_id = sql(admin, "SELECT id FROM centre WHERE name = :n", n=LUDOTHEQUE)[0][0]
    assert isinstance(centre_id, int)
    service.create(
        direction, AccountInput("marie", "Marie Curie", Role.ACCUEIL, centre_id), NEW_PASSWORD
    )
    assert account(admin, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Identifiant", "Nom", "Rôle", "Centre", "État"]
    assert lines[1].split("  ")[0] == "direction" and lines[1].endswith("actif")
    assert LUDOTHEQUE in lines[2] and "Accueil" in lines[2]
    assert all(line == line.rstrip() for line in lines)
    assert account(admin, "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "login": "direction",
            "name": "Claire Martin",
            "role": "administration",
            "centre": None,
            "active": True,
        },
        {
            "login": "marie",
            "name": "Marie Curie",
            "role": "accueil",
            "centre": LUDOTHEQUE,
            "active": True,
        },
    ]
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", NEW_PASSWORD)
    assert account(admin, "list", signer="marie") == 1
    assert "Votre rôle (Accueil) ne permet pas de gérer les comptes" in capsys.readouterr().err


def test_list_of_a_base_without_accounts(url, capsys):
    assert run(["--db", url, "account", "list"]) == 0
    assert "Aucun compte" in capsys.readouterr().out
    assert run(["account", "list", "--json", "--db", url]) == 0  # --db after the action too
    assert json.loads(capsys.readouterr().out) == []


def test_deactivate(admin, database, capsys):
    service = AccountService(database)
    direction = service.sign_in("direction", ADMIN_PASSWORD)
    service.create(direction, AccountInput("paul", "Paul", Role.COORDINATION, None), NEW_PASSWORD)
    assert account(admin, "deactivate", "--login", "Paul") == 0
    assert "Compte « paul » désactivé" in capsys.readouterr().out
    assert sql(admin, "SELECT role, active FROM staff_account WHERE login = 'paul'") == [
        ("coordination", False)
    ]
    (details,) = sql(
        admin, "SELECT details FROM audit_entry WHERE action = 'compte-modifie' ORDER BY id"
    )[-1]
    assert "actif" in str(details)
    with pytest.raises(SignInError):
        service.sign_in("paul", NEW_PASSWORD)
    assert account(admin, "deactivate", "--login", "paul") == 0
    assert "déjà désactivé" in capsys.readouterr().out
    assert account(admin, "deactivate", "--login", "personne") == 1
    assert "Aucun compte n’a l’identifiant « personne »" in capsys.readouterr().err
    assert account(admin, "deactivate", "--login", "direction") == 1
    assert "votre propre compte" in capsys.readouterr().err
    assert sql(admin, "SELECT active FROM staff_account WHERE login = 'direction'") == [(True,)]


def test_a_workstation_address_signs_in_with_the_persons_own_login(
    admin, database, capsys, monkeypatch
):
    """On the federation's server the address names no login: the command connects as the
    person who signs (--identifiant), and nothing is read before."""
    if database.is_sqlite:
        pytest.skip("the federation's server")
    workstation = _workstation(admin)
    argv = ["create", "--login", "luc", "--name", "Luc Martin", "--role", "coordination"]
    assert account(workstation, *argv) == 0
    assert "Compte créé : luc — Luc Martin (Coordination)." in capsys.readouterr().out
    assert creations_in(admin)[-1][0] == "direction"  # stamped by the server as the signer
    assert account(workstation, "list", signer=None) == 1
    assert "--identifiant" in capsys.readouterr().err
    monkeypatch.setenv("ACSRV_MOT_DE_PASSE", NEW_PASSWORD)  # Luc's own
    assert account(workstation, "list", signer="luc") == 1  # coordination manages no account
    assert "ne permet pas de gérer les comptes" in capsys.readouterr().err


def test_it_runs_the_nightly_retention_as_the_servers_owner(admin, database, capsys):
    """The server's retention is IT's nightly task: ``purge`` on the owner's address needs no
    staff login, and the trail says who ran it."""
    if database.is_sqlite:
        pytest.skip("the federation's server")
    assert run(["--db", admin, "purge"]) == 0
    assert "anonymisées" in capsys.readouterr().out
    (actor,) = sql(admin, "SELECT actor FROM audit_entry WHERE action = 'anonymisation'")[0]
    assert str(actor).startswith("système (service informatique")
