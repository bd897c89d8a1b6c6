"""Alembic environment, used by the application at start-up and by developers.

The application passes its own connection (``config.attributes["connection"]``), already in
a transaction. Developers can run ``alembic -x url=sqlite:///x.sqlite3 upgrade head`` or
``alembic -x url=... revision --autogenerate -m "..."`` from the repository root.
"""

from __future__ import annotations

from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from acsrv_desktop.core.database import create_app_engine
from acsrv_desktop.core.models import Base, UTCDateTime

config = context.config


def _render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import the models (they change later): render our column types
    # as the plain SQLAlchemy types they are stored as.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("indiquez la base : alembic -x url=sqlite:///chemin.sqlite3 …")
    engine = create_app_engine(url)
    with engine.connect() as connection:
        _run(connection)
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("le mode hors ligne d'Alembic n'est pas utilisé par acsrv-desktop")
run_migrations_online()
