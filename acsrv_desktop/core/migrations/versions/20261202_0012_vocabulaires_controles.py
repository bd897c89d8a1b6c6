"""Vocabulaires : la base refuse un canal, un statut, un motif, un rôle ou une tranche inconnus.

CHECK constraints on the fixed vocabularies (``core/vocabulary.py``, ``accounts.roles.Role``):
visit.channel, referral.status, referral.refusal_reason, staff_account.role, and the age
bracket of visitor and visit (NULL allowed, as for the reason). The values are copied here:
a migration never imports the models or the enums, which change later.

Every value the application ever wrote is in these lists. A database edited by hand with
another value cannot be migrated (the constraint is refused) and is left unchanged.

On SQLite a CHECK constraint needs the table copied (batch mode, ``recreate="always"``); the
start-up upgrade turns foreign keys off while it runs (``schema._upgrade``). The partial index
``ix_visitor_retention_due`` is created again as it was (0011), the copy would lose its WHERE.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AGE_BRACKETS = ("0-17", "18-29", "30-54", "55+")
CHECKS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    # table: (constraint name, column, allowed values)
    "visitor": (("ck_visitor_age_bracket", "age_bracket", AGE_BRACKETS),),
    "visit": (
        ("ck_visit_channel", "channel", ("sur-place", "telephone", "courriel")),
        ("ck_visit_age_bracket", "age_bracket", AGE_BRACKETS),
    ),
    "referral": (
        (
            "ck_referral_status",
            "status",
            ("proposee", "contact-pris", "acceptee", "refusee", "terminee"),
        ),
        (
            "ck_referral_refusal_reason",
            "refusal_reason",
            ("non-joignable", "non-eligible", "non-interesse", "session-complete", "autre"),
        ),
    ),
    "staff_account": (
        ("ck_staff_account_role", "role", ("accueil", "coordination", "administration")),
    ),
}
NOT_ANONYMISED = "anonymised_at IS NULL"


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _recreate_retention_index() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    op.drop_index("ix_visitor_retention_due", table_name="visitor", if_exists=True)
    op.create_index(
        "ix_visitor_retention_due",
        "visitor",
        ["last_seen_at", "created_at"],
        unique=False,
        sqlite_where=sa.text(NOT_ANONYMISED),
    )


def upgrade() -> None:
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None, recreate="auto") as batch_op:
            for name, column, values in checks:
                batch_op.create_check_constraint(name, _condition(column, values))
    _recreate_retention_index()


def downgrade() -> None:
    for table, checks in reversed(CHECKS.items()):
        with op.batch_alter_table(table, schema=None, recreate="auto") as batch_op:
            for name, _column, _values in reversed(checks):
                batch_op.drop_constraint(name, type_="check")
    _recreate_retention_index()
