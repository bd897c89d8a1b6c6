"""The cheap checks of every start: schema at head, catalogue version, password decoy.

Each stands for a costly step (Alembic reading its scripts, the catalogue parsed and validated,
an argon2 hash) that a start on an up-to-date database skips; these tests check the shortcut
gives the answer the costly step would.
"""

from __future__ import annotations

import re

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from acsrv_desktop.core import schema
from acsrv_desktop.core.accounts import passwords
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.catalogue import bootstrap as catalogue_bootstrap
from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.errors import NewerSchemaError

# -- schema: the head from the file names is Alembic's head ---------------------------------------


def test_the_head_read_from_the_file_names_is_alembics_head():
    assert schema.shipped_head_revision() == schema.head_revision()


def test_every_migration_file_is_named_after_its_revision():
    script = ScriptDirectory.from_config(schema.alembic_config())
    for revision in script.walk_revisions():
        name = revision.path.rsplit("/", 1)[-1]
        match = re.fullmatch(r"\d{8}_(\d+)_\w*\.py", name)
        assert match, f"{name}: expected <aaaammjj>_<révision>_<titre>.py (alembic.ini)"
        assert match.group(1) == revision.revision, name


def test_a_database_at_head_is_opened_without_alembic(owner_database, tmp_path, monkeypatch):
    def alembic_path(*_args, **_kwargs):
        raise AssertionError("Alembic consulted for a owner_database at head")

    monkeypatch.setattr(schema, "_upgrade", alembic_path)
    monkeypatch.setattr(schema, "head_revision", alembic_path)
    opened = open_database(
        owner_database.url.render_as_string(hide_password=False), backup_folder=tmp_path / "b"
    )
    try:
        report = opened.upgrade
        assert not report.changed and report.current_revision == schema.shipped_head_revision()
    finally:
        opened.db.dispose()


def test_a_database_not_at_head_still_goes_through_alembic(owner_database, tmp_path):
    with owner_database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(NewerSchemaError):  # Alembic knows no 9999: written by a newer version
        open_database(
            owner_database.url.render_as_string(hide_password=False), backup_folder=tmp_path / "b"
        )


# -- catalogue: its version read from the first lines is the one the full load gives ---------------


def test_the_catalogue_version_read_cheaply_is_the_parsed_one():
    assert catalogue_bootstrap.shipped_catalogue_version() == load_shipped_catalogue().version


def test_a_start_on_the_same_catalogue_version_does_not_parse_it(database, monkeypatch):
    def parse():
        raise AssertionError("catalogue parsed although its version is the database's")

    monkeypatch.setattr(catalogue_bootstrap, "load_shipped_catalogue", parse)
    assert catalogue_bootstrap.ensure_shipped_catalogue(database) is None


def test_an_unreadable_version_line_falls_back_to_the_full_load(database, monkeypatch):
    loaded = []

    def load():
        loaded.append(True)
        return load_shipped_catalogue()

    monkeypatch.setattr(catalogue_bootstrap, "shipped_catalogue_version", lambda: None)
    monkeypatch.setattr(catalogue_bootstrap, "load_shipped_catalogue", load)
    assert catalogue_bootstrap.ensure_shipped_catalogue(database) is None  # same version
    assert loaded == [True]


# -- passwords: the decoy is a hash of its password, with today's parameters -----------------------


def test_the_decoy_hash_is_current():
    assert passwords.verify_password(passwords.DECOY_HASH, passwords.DECOY_PASSWORD)
    # Raising the argon2 parameters without hashing the decoy again would make an unknown
    # login quicker to refuse than a wrong password: hash it again with hash_password().
    assert not passwords.needs_rehash(passwords.DECOY_HASH)
