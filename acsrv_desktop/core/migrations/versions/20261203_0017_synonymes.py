"""Catalogue : les synonymes de chaque fiche, les mots du public (« permis », « CAF »…).

A list of words per entry, found by the search like its keywords and exchanged in
data·inclusion's ``x_acsrv``. Existing entries get none (an empty list: the column is NOT NULL
like the keywords); the shipped catalogue brings those of its entries at the next start.

Adding a column needs no copy of the table; dropping it (downgrade) is done in place, as for
0009 (copying ``programme`` would delete it first, which its references forbid).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("synonyms", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("synonyms")
