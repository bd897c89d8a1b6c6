"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from acsrv_desktop.core.bootstrap import open_database, resolve_database_url
from acsrv_desktop.core.database import Database


@contextmanager
def opened_database(args: argparse.Namespace) -> Iterator[Database]:
    opened = open_database(resolve_database_url(getattr(args, "db", None)))
    try:
        yield opened.db
    finally:
        opened.db.dispose()
