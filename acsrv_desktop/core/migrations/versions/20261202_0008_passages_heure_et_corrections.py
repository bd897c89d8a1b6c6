"""Passages : heure saisie à la main, date et auteur de la dernière correction.

A visit is stamped with the moment it is saved, unless the receptionist set a past time by
hand (``time_set_by_hand``). A corrected visit shows as such in the day's list. Existing visits
are left as they are (not set by hand, never corrected).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("time_set_by_hand", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("corrected_by", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("corrected_by")
        batch_op.drop_column("corrected_at")
        batch_op.drop_column("time_set_by_hand")
