"""Orientations qui reviennent : coordonnées consenties, réponse du référent, référence.

Issue 17. On each referral: a reference to quote on the phone (eight characters, unique;
drawn here for the existing ones), what the person agreed to give the programme's contact
(contact preference, phone, e-mail, availability, the desk's message) and their consent —
the database refuses any of it without consent (CHECK) —, and the first answer's time and
author (``handled_at``, ``handled_by``). A new refusal reason (« déjà accompagné·e ») and a
new role (« référent de programme »), so the CHECK constraints on the reason and the role are
made again with them; and ``programme_referent``, the programmes each référent answers for.

The values are copied here: a migration never imports the models or the enums.

On SQLite a CHECK constraint needs the table copied (batch mode, ``recreate="always"``); the
start-up upgrade turns foreign keys off while it runs (``schema._upgrade``).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-10 12:00:00
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # reception/references.py, as of this revision
REASONS_BEFORE = ("non-joignable", "non-eligible", "non-interesse", "session-complete", "autre")
REASONS = (*REASONS_BEFORE, "deja-accompagne")
ROLES_BEFORE = ("accueil", "coordination", "administration")
ROLES = (*ROLES_BEFORE, "referent")
PREFERENCES = ("telephone", "courriel", "accueil", "autre")
CONSENT = (
    "consent OR (contact_preference IS NULL AND contact_phone IS NULL AND "
    "contact_email IS NULL AND availability IS NULL AND message IS NULL)"
)


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _draw_references() -> None:
    """One reference for each existing referral, unique (drawn again on the rare repeat)."""
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM referral ORDER BY id"))]
    taken: set[str] = set()
    rows = []
    for referral_id in ids:
        reference = ""
        while not reference or reference in taken:
            reference = "".join(secrets.choice(ALPHABET) for _ in range(8))
        taken.add(reference)
        rows.append({"id": referral_id, "reference": reference})
    if rows:
        bind.execute(sa.text("UPDATE referral SET reference = :reference WHERE id = :id"), rows)


def upgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=8), nullable=True))
        batch_op.add_column(
            sa.Column("consent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("contact_preference", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("availability", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("message", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("handled_by", sa.String(length=80), nullable=True))
    _draw_references()
    # A referral answered before this revision: its first answer is not known; the date of
    # its last change of status stands for it (the loop's figures say « répondue »).
    op.execute(
        "UPDATE referral SET handled_at = status_changed_at, handled_by = status_changed_by "
        "WHERE status <> 'proposee' AND handled_at IS NULL"
    )
    with op.batch_alter_table("referral", schema=None, recreate="auto") as batch_op:
        batch_op.alter_column("reference", existing_type=sa.String(length=8), nullable=False)
        batch_op.create_unique_constraint("uq_referral_reference", ["reference"])
        batch_op.drop_constraint("ck_referral_refusal_reason", type_="check")
        batch_op.create_check_constraint(
            "ck_referral_refusal_reason", _condition("refusal_reason", REASONS)
        )
        batch_op.create_check_constraint(
            "ck_referral_contact_preference", _condition("contact_preference", PREFERENCES)
        )
        batch_op.create_check_constraint("ck_referral_contact_consent", CONSENT)
    with op.batch_alter_table("staff_account", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint("ck_staff_account_role", type_="check")
        batch_op.create_check_constraint("ck_staff_account_role", _condition("role", ROLES))
    op.create_table(
        "programme_referent",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_account.id"],
            name="fk_programme_referent_account_id_staff_account",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name="fk_programme_referent_programme_id_programme",
        ),
        sa.PrimaryKeyConstraint("account_id", "programme_id", name="pk_programme_referent"),
    )
    op.create_index("ix_programme_referent_programme_id", "programme_referent", ["programme_id"])


def downgrade() -> None:
    op.drop_index("ix_programme_referent_programme_id", table_name="programme_referent")
    op.drop_table("programme_referent")
    # Referents and the new reason cannot be kept by the older schema: made what it knew.
    op.execute("UPDATE staff_account SET active = false WHERE role = 'referent'")
    op.execute("UPDATE staff_account SET role = 'accueil' WHERE role = 'referent'")
    op.execute(
        "UPDATE referral SET refusal_reason = 'autre' WHERE refusal_reason = 'deja-accompagne'"
    )
    with op.batch_alter_table("staff_account", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint("ck_staff_account_role", type_="check")
        batch_op.create_check_constraint("ck_staff_account_role", _condition("role", ROLES_BEFORE))
    with op.batch_alter_table("referral", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint("ck_referral_contact_consent", type_="check")
        batch_op.drop_constraint("ck_referral_contact_preference", type_="check")
        batch_op.drop_constraint("ck_referral_refusal_reason", type_="check")
        batch_op.create_check_constraint(
            "ck_referral_refusal_reason", _condition("refusal_reason", REASONS_BEFORE)
        )
        batch_op.drop_constraint("uq_referral_reference", type_="unique")
        for column in (
            "handled_by",
            "handled_at",
            "message",
            "availability",
            "contact_email",
            "contact_phone",
            "contact_preference",
            "consent",
            "reference",
        ):
            batch_op.drop_column(column)
