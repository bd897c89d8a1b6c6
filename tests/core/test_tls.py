"""The federation's server is reached over verified TLS only (issue 14).

The URL's checks need no server; the refusals are tried on the throw-away server of the test
run, which `scripts/postgresql.sh` starts with TLS only and a throw-away certificate authority.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from acsrv_desktop.core.bootstrap import open_database, with_ca_file
from acsrv_desktop.core.database import explain_tls_failure, parse_database_url
from acsrv_desktop.core.errors import DatabaseOpenError


def test_a_server_url_without_sslmode_verifies_the_certificate_and_the_host():
    url = parse_database_url("postgresql+psycopg://serveur.acsrv.local/acsrv")
    assert url.query["sslmode"] == "verify-full"
    assert parse_database_url("sqlite:///tmp/a.sqlite3").query == {}


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer", "require", "verify-ca"])
def test_a_weaker_sslmode_is_refused_in_french(mode):
    with pytest.raises(DatabaseOpenError) as refused:
        parse_database_url(f"postgresql+psycopg://serveur/acsrv?sslmode={mode}")
    message = str(refused.value)
    assert f"sslmode={mode}" in message and "vérifi" in message and "sslrootcert" in message


def test_the_workstations_ca_file_is_added_unless_the_url_names_one():
    ca = Path("/etc/acsrv/autorité serveur.crt")
    assert with_ca_file("postgresql+psycopg://serveur/acsrv", ca) == (
        "postgresql+psycopg://serveur/acsrv?sslrootcert=/etc/acsrv/autorit%C3%A9%20serveur.crt"
    )
    parsed = make_url(with_ca_file("postgresql+psycopg://serveur/acsrv?application_name=x", ca))
    assert parsed.query["sslrootcert"] == str(ca)  # read back as the driver will get it
    own = "postgresql+psycopg://serveur/acsrv?sslrootcert=/srv/ca.crt"
    assert with_ca_file(own, ca) == own
    assert with_ca_file("sqlite:///a.sqlite3", ca) == "sqlite:///a.sqlite3"
    assert with_ca_file(own, None) == own


def test_libpq_tls_refusals_are_explained():
    assert "certificat de l'autorité" in (
        explain_tls_failure('root certificate file "/root/.postgresql/root.crt" does not exist')
        or ""
    )
    assert "n'est pas celui attendu" in (
        explain_tls_failure("ssl error: certificate verify failed") or ""
    )
    assert explain_tls_failure("password authentication failed") is None


def _libpq(url: str, **changes: str) -> str:
    """The server URL as a libpq connection string, with ``changes``."""
    parsed = make_url(url)
    params = {
        "host": parsed.host or "",
        "port": str(parsed.port or 5432),
        "user": parsed.username or "",
        "dbname": parsed.database or "",
        **{key: str(value) for key, value in parsed.query.items()},
        **changes,
    }
    return " ".join(f"{key}={value}" for key, value in params.items() if value)


def test_the_server_refuses_a_connection_without_tls(postgresql_server_url):
    if not postgresql_server_url:
        pytest.skip("no PostgreSQL server for this run")
    with psycopg.connect(_libpq(postgresql_server_url)) as connection:
        ssl = connection.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        assert ssl.fetchone() == (True,)
    with pytest.raises(psycopg.OperationalError, match="pg_hba.conf rejects|no encryption"):
        psycopg.connect(_libpq(postgresql_server_url, sslmode="disable"))


def test_a_workstation_without_the_ca_is_told_in_french(postgresql_server_url, tmp_path):
    if not postgresql_server_url:
        pytest.skip("no PostgreSQL server for this run")
    parsed = make_url(postgresql_server_url)
    missing = tmp_path / "absent.crt"
    url = parsed.update_query_dict({"sslrootcert": str(missing)})
    with pytest.raises(DatabaseOpenError) as refused:
        open_database(url.render_as_string(hide_password=False), backup_folder=tmp_path)
    assert "certificat de l'autorité du serveur est introuvable" in str(refused.value)


def test_a_url_object_is_checked_too():
    """The sign-in with one's own login will build URLs with ``url.set(username=…)``: an
    object gets the same check as a string."""
    from acsrv_desktop.core.database import Database

    weak = make_url("postgresql+psycopg://serveur/acsrv?sslmode=prefer")
    with pytest.raises(DatabaseOpenError):
        Database(weak)
    db = Database(make_url("postgresql+psycopg://serveur/acsrv"))
    try:
        assert db.url.query["sslmode"] == "verify-full"
        assert db.url.query["gssencmode"] == "disable"  # GSS would skip the TLS check
    finally:
        db.dispose()
