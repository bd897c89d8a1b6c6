"""Accueil : personnes, passages et orientations.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 17:21:50.596585
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visitor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=36), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("search_name", sa.String(length=210), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("age_bracket", sa.String(length=10), nullable=True),
        sa.Column("gender", sa.String(length=10), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("sector", sa.String(length=30), nullable=True),
        sa.Column("situations", sa.JSON(), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["visitor.id"], name=op.f("fk_visitor_merged_into_id_visitor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visitor")),
        sa.UniqueConstraint("person_key", name=op.f("uq_visitor_person_key")),
    )
    with op.batch_alter_table("visitor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visitor_last_seen_at"), ["last_seen_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_visitor_search_name"), ["search_name"], unique=False)

    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visitor_id", sa.Integer(), nullable=True),
        sa.Column("person_key", sa.String(length=36), nullable=True),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("age_at_visit", sa.Integer(), nullable=True),
        sa.Column("age_bracket", sa.String(length=10), nullable=True),
        sa.Column("gender", sa.String(length=10), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("sector", sa.String(length=30), nullable=True),
        sa.Column("situations", sa.JSON(), nullable=False),
        sa.Column("new_visitor", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centre.id"], name=op.f("fk_visit_centre_id_centre")
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"], ["visitor.id"], name=op.f("fk_visit_visitor_id_visitor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_centre_occurred", ["centre_id", "occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_occurred_at"), ["occurred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_person_key"), ["person_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_visitor_id"), ["visitor_id"], unique=False)

    op.create_table(
        "visitor_name_token",
        sa.Column("visitor_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitor.id"],
            name=op.f("fk_visitor_name_token_visitor_id_visitor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visitor_id", "token", name=op.f("pk_visitor_name_token")),
    )
    with op.batch_alter_table("visitor_name_token", schema=None) as batch_op:
        batch_op.create_index("ix_visitor_name_token_lookup", ["token", "visitor_id"], unique=False)

    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.String(length=80), nullable=False),
        sa.Column("contact_id", sa.String(length=80), nullable=True),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("refusal_reason", sa.String(length=30), nullable=True),
        sa.Column("refusal_note", sa.Text(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_changed_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centre.id"], name=op.f("fk_referral_centre_id_centre")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_referral_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_referral_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_referral_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_centre_id"), ["centre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_referral_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_referral_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_visit_id"))
        batch_op.drop_index(batch_op.f("ix_referral_programme_id"))
        batch_op.drop_index(batch_op.f("ix_referral_created_at"))
        batch_op.drop_index(batch_op.f("ix_referral_centre_id"))

    op.drop_table("referral")
    with op.batch_alter_table("visitor_name_token", schema=None) as batch_op:
        batch_op.drop_index("ix_visitor_name_token_lookup")

    op.drop_table("visitor_name_token")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_visitor_id"))
        batch_op.drop_index(batch_op.f("ix_visit_person_key"))
        batch_op.drop_index(batch_op.f("ix_visit_occurred_at"))
        batch_op.drop_index("ix_visit_centre_occurred")

    op.drop_table("visit")
    with op.batch_alter_table("visitor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visitor_search_name"))
        batch_op.drop_index(batch_op.f("ix_visitor_last_seen_at"))

    op.drop_table("visitor")
