"""scripts/server-setup.sh and scripts/server-restore-test.sh, the federation server's set-up.

The scripts parse and print French usage everywhere. The real run — a scratch Debian cluster
configured by the script, then probed with psycopg as a workstation would — installs system
files (/etc/cron.d, /usr/local/sbin, a cluster under /etc/postgresql), so it runs only when
ACSRV_TEST_SERVER_SETUP=1 is set, as root, with Debian's pg_createcluster.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "scripts" / "server-setup.sh"
RESTORE = REPO / "scripts" / "server-restore-test.sh"
RESTORE_INSTALLED = Path("/usr/local/sbin/acsrv-essai-restauration")


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("script", [SETUP, RESTORE], ids=lambda p: p.name)
def test_script_parses_and_helps_in_french(script: Path) -> None:
    assert run("bash", "-n", script).returncode == 0
    helped = run(script, "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("Usage : ")
    assert "(par défaut : " in helped.stdout
    assert "cette aide" in helped.stdout


def test_setup_help_names_every_choice_it_makes() -> None:
    helped = run(SETUP, "--help").stdout
    for option in ("--host", "--network", "--cert", "--key", "--ca", "--owner", "--database"):
        assert f"  {option} " in helped
    assert "ne le devine pas" in helped
    assert "ACSRV_NOUVEAU_MOT_DE_PASSE" in helped


@pytest.mark.parametrize("script", [SETUP, RESTORE], ids=lambda p: p.name)
def test_unknown_option_is_refused_in_french(script: Path) -> None:
    refused = run(script, "--reseau", "10.0.0.0/8")
    assert refused.returncode == 1
    assert refused.stderr == "Erreur : option inconnue : --reseau (voir --help)\n"


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck n'est pas installé")
def test_shellcheck() -> None:
    checked = run("shellcheck", "--severity=warning", SETUP, RESTORE)
    assert checked.returncode == 0, checked.stdout


def _can_set_up_a_server() -> bool:
    return (
        os.environ.get("ACSRV_TEST_SERVER_SETUP") == "1"
        and os.geteuid() == 0
        and shutil.which("pg_createcluster") is not None
    )


needs_server = pytest.mark.skipif(
    not _can_set_up_a_server(),
    reason="installs system files: needs ACSRV_TEST_SERVER_SETUP=1, root and pg_createcluster",
)


@dataclass
class Server:
    cluster: str
    port: int
    dirs: Path
    password: str
    first_run: subprocess.CompletedProcess[str] = field(init=False)

    @property
    def ca(self) -> Path:
        return self.dirs / "etc" / "ca.crt"

    @property
    def backups(self) -> Path:
        return self.dirs / "backups"

    @property
    def backup_command(self) -> Path:
        return Path(f"/usr/local/sbin/acsrv-sauvegarde-{self.cluster}-acsrv")

    def options(self) -> list[str]:
        return [
            *("--cluster", self.cluster, "--port", str(self.port), "--listen", "127.0.0.1"),
            *("--host", "127.0.0.1", "--host", "localhost", "--network", "127.0.0.1/32"),
            *("--config-dir", str(self.dirs / "etc"), "--backup-dir", str(self.backups)),
            *("--scheduler", "cron"),
        ]

    def set_up(self) -> subprocess.CompletedProcess[str]:
        return run(SETUP, *self.options(), env={"ACSRV_NOUVEAU_MOT_DE_PASSE": self.password})

    def connect(self, password: str | None = None, **tls: str) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            dbname="acsrv",
            user="acsrv_proprietaire",
            password=password or self.password,
            connect_timeout=10,
            **(tls or {"sslmode": "verify-full", "sslrootcert": str(self.ca)}),
        )


def _free_port() -> int:
    """A port that neither a Debian cluster nor anything else uses (55432/55433 are others')."""
    taken = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    used = {int(line.split()[2]) for line in taken.splitlines() if line.strip()}
    for port in range(55490, 55590):
        with socket.socket() as probe:
            if port not in used and probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 55490-55589")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    cluster = f"acsrvt{os.getpid()}"
    # Under /tmp and traversable: the server, running as postgres, reads its key there.
    dirs = Path(tempfile.mkdtemp(prefix="acsrv-setup-", dir="/tmp"))
    dirs.chmod(0o755)
    restore_was_installed = RESTORE_INSTALLED.exists()
    password = f"Proprio-{secrets.token_hex(6)}-Essai!"
    srv = Server(cluster, _free_port(), dirs, password)
    try:
        srv.first_run = srv.set_up()
        yield srv
    finally:
        subprocess.run(["pg_dropcluster", "--stop", "15", cluster], capture_output=True)
        # pg_dropcluster leaves the files it did not create (the drop-in, pg_hba.conf's backup).
        shutil.rmtree(f"/etc/postgresql/15/{cluster}", ignore_errors=True)
        for leftover in (srv.backup_command, Path(f"/etc/cron.d/{srv.backup_command.name}")):
            leftover.unlink(missing_ok=True)
        if not restore_was_installed:
            RESTORE_INSTALLED.unlink(missing_ok=True)
        shutil.rmtree(dirs, ignore_errors=True)


@needs_server
def test_first_run_configures_and_prints_the_next_command(server: Server) -> None:
    out = server.first_run
    assert out.returncode == 0, out.stdout + out.stderr
    assert "modification(s) faite(s)" in out.stdout
    url = (
        f"postgresql+psycopg://acsrv_proprietaire@127.0.0.1:{server.port}/acsrv"
        f"?sslrootcert={server.ca}"
    )
    assert f"acsrv-desktop server init --db '{url}'" in out.stdout
    assert f"chaque poste doit recevoir : {server.ca}" in out.stdout
    assert server.password not in out.stdout + out.stderr


@needs_server
def test_second_run_changes_nothing_and_says_so(server: Server) -> None:
    conf = Path(f"/etc/postgresql/15/{server.cluster}")
    before = sorted(conf.glob("pg_hba.conf.avant-acsrv-*"))
    again = server.set_up()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Rien n'a changé : le serveur était déjà configuré ainsi." in again.stdout
    assert "→" not in again.stdout
    assert sorted(conf.glob("pg_hba.conf.avant-acsrv-*")) == before == before[:1]


@needs_server
def test_keys_are_readable_only_by_their_owner(server: Server) -> None:
    etc = server.dirs / "etc"
    modes = {f.name: (f.stat().st_mode & 0o777, f.owner()) for f in etc.iterdir()}
    assert modes == {
        "ca.crt": (0o644, "root"),
        "autorite.key": (0o600, "root"),
        "serveur.crt": (0o644, "postgres"),
        "serveur.key": (0o600, "postgres"),
    }


@needs_server
def test_a_connection_without_tls_is_refused(server: Server) -> None:
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        server.connect(sslmode="disable")


@needs_server
def test_the_owner_connects_over_verified_tls(server: Server) -> None:
    with server.connect() as connection:
        row = connection.execute(
            "SELECT s.ssl, r.rolsuper, r.rolcreaterole, pg_get_userbyid(d.datdba),"
            "       EXISTS (SELECT 1 FROM aclexplode(d.datacl) WHERE grantee = 0),"
            "       current_setting('password_encryption')"
            " FROM pg_stat_ssl s, pg_roles r, pg_database d"
            " WHERE s.pid = pg_backend_pid() AND r.rolname = current_user"
            "   AND d.datname = current_database()"
        ).fetchone()
    assert row == (True, False, True, "acsrv_proprietaire", False, "scram-sha-256")


@needs_server
def test_a_wrong_password_waits_a_second(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        server.connect(password="pas-le-bon-mot-de-passe")
    assert time.monotonic() - started >= 1.0


@needs_server
def test_server_init_then_nightly_backup_then_restore_test(server: Server) -> None:
    url = re.search(r"server init --db '([^']+)'", server.first_run.stdout)
    assert url is not None
    init = run(
        sys.executable,
        *("-m", "acsrv_desktop", "server", "init", "--db", url[1]),
        *("--admin-login", "marie.dupont", "--admin-name", "Marie Dupont"),
        env={"PGPASSWORD": server.password, "ACSRV_NOUVEAU_MOT_DE_PASSE": "Admin-Essai-2026!x"},
    )
    assert init.returncode == 0, init.stdout + init.stderr
    cron = Path(f"/etc/cron.d/{server.backup_command.name}").read_text()
    assert f"30 2 * * * root {server.backup_command}\n" in cron
    # Twenty old nightly dumps and twelve old monthly ones: the rotation keeps 14 and 12.
    for day in range(1, 21):
        (server.backups / f"acsrv-quotidien-2025-01-{day:02}.dump").touch()
    for month in range(1, 13):
        (server.backups / f"acsrv-mensuel-2025-{month:02}.dump").touch()
    backup = run(server.backup_command)
    assert backup.returncode == 0, backup.stderr
    dumps = sorted(server.backups.glob("acsrv-quotidien-*.dump"))
    assert len(dumps) == 14
    assert len(list(server.backups.glob("acsrv-mensuel-*.dump"))) == 12
    assert dumps[-1].stat().st_mode & 0o777 == 0o600
    assert dumps[-1].stat().st_size > 1000
    restored = run(
        RESTORE, "--cluster", server.cluster, "--database", "acsrv", "--backup-dir", server.backups
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert re.search(r"public\.staff_account +1 +1\n", restored.stdout)
    assert re.search(r"public\.centre +(\d+) +\1\n", restored.stdout)
    assert "Restauration réussie" in restored.stdout
    with server.connect() as connection:
        scratch = connection.execute(
            "SELECT count(*) FROM pg_database WHERE datname = 'acsrv_essai_restauration'"
        ).fetchone()
    assert scratch == (0,)
