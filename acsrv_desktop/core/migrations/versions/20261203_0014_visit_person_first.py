"""Passages : index des passages de chaque personne, non annulés d’abord, par date.

The figures count a person as new in a period when no visit of theirs, not cancelled, comes
before it: one probe per person of the period. On the index of ``person_key`` alone each probe
read every visit of the person from the table to check its date and whether it was cancelled;
this index answers it on its own (person, cancelled or not, date: the visits not cancelled
before a date are one range of it). It also serves every lookup by ``person_key`` alone, so it
replaces that index. On PostgreSQL, an index of the visitors from the most recent (below).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


RECENT_FIRST = "ix_visitor_recent_first"  # PostgreSQL only: models.POSTGRESQL_ONLY_INDEXES


# Indexes alone: no table is copied (``visit`` is referenced by the referrals).
def upgrade() -> None:
    op.create_index("ix_visit_person_first", "visit", ["person_key", "cancelled_at", "occurred_at"])
    op.drop_index("ix_visit_person_key", table_name="visit")
    if op.get_bind().dialect.name == "postgresql":
        # The visitor lookup walks visitors from the most recent, never-seen ones last
        # (DESC NULLS LAST): PostgreSQL, whose NULLs sort first in descending order, could
        # not walk the plain index of the last visit that way and read the whole table
        # (65–90 ms a keystroke at 200,000 visitors, 5–10 ms with this one). SQLite's NULLs
        # sort last there already: its index serves as it is.
        op.execute(
            f"CREATE INDEX {RECENT_FIRST} ON visitor (last_seen_at DESC NULLS LAST, id DESC)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(RECENT_FIRST, table_name="visitor")
    op.create_index("ix_visit_person_key", "visit", ["person_key"], unique=False)
    op.drop_index("ix_visit_person_first", table_name="visit")
