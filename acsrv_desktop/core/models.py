"""SQLAlchemy 2 typed models.

Every schema change goes through an Alembic migration in ``core/migrations``; the models and
the migrated schema are compared by the tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.vocabulary import (
    AgeBracket,
    Channel,
    ContactPreference,
    ReferralStatus,
    RefusalReason,
    sql_in,
)

# Named constraints: Alembic's batch mode on SQLite needs names to alter or drop them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, always handed back as an aware UTC datetime.

    SQLite has no time zone type: values are stored there as naive UTC. PostgreSQL stores
    ``timestamp with time zone``. Either way, Python code only ever sees aware UTC datetimes,
    and local (Europe/Paris) time is a matter of display and of period boundaries.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime (UTC or Europe/Paris)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Centre(Base):
    """A social centre (or the ludothèque, or the head office) where visits are logged."""

    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    commune: Mapped[str | None] = mapped_column(String(120))
    sector: Mapped[str | None] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AppSetting(Base):
    """Settings shared by every workstation of one database (per-workstation ones use QSettings)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


# ---------------------------------------------------------------------------------------------
# Catalogue (issue 3): the federation, its contacts and its entries (programmes, actions,
# modules, services, domains). Loaded from resources/catalogue at first start, then edited here.
# ``shipped`` keeps the last shipped version of each record, so that a newer shipped catalogue
# can be merged field by field without overwriting what a coordinator changed.
# ---------------------------------------------------------------------------------------------


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    commune: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    funding: Mapped[str | None] = mapped_column(Text)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    partners: Mapped[list[str]] = mapped_column(JSON, default=list)
    partnership_contacts: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"))
    shipped: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    shipped: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class Programme(Base):
    """One entry of the catalogue: a programme, an action, a module, a service or a domain."""

    __tablename__ = "programme"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("programme.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    practical: Mapped[str | None] = mapped_column(Text)
    # Printed on the referral slip: when to come, where, and what to bring.
    opening_hours: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(300))
    documents: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[str | None] = mapped_column(Text)
    thematiques: Mapped[list[str]] = mapped_column(JSON, default=list)
    publics: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The words people say for it at the desk (« permis », « CAF »), searched like keywords.
    synonyms: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    eligibility: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    shipped: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    contact_links: Mapped[list[ProgrammeContact]] = relationship(
        order_by="ProgrammeContact.position",
        cascade="all, delete-orphan",
        back_populates="programme",
    )


class ProgrammeContact(Base):
    __tablename__ = "programme_contact"

    programme_id: Mapped[str] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(back_populates="contact_links")
    contact: Mapped[Contact] = relationship()


# ---------------------------------------------------------------------------------------------
# Reception (issue 4): visitors, visits and referrals.
# A visit keeps, at the time it was logged, the statistical profile of the person (age bracket,
# gender, commune, sector, situations) and a random ``person_key``: the monthly figures then never
# change when a visitor record is corrected, anonymised or erased later.
# ---------------------------------------------------------------------------------------------


# Indexes the migrations create on PostgreSQL only, where its planner needs them (its NULLs
# sort first in descending order): not in the models, which hold what both databases share.
POSTGRESQL_ONLY_INDEXES = frozenset({"ix_visitor_recent_first"})  # migration 0014


class Visitor(Base):
    __tablename__ = "visitor"
    # The records the retention purge may still anonymise, by last visit (creation for those
    # never seen): the start-up purge reads a few rows, however many have been anonymised.
    # Partial (WHERE anonymised_at IS NULL): migration 0011 creates it so. The predicate is not
    # repeated here: declared with sqlite_where/postgresql_where it loads both SQL dialects at
    # every start (~60 ms); Alembic does not compare predicates, and the schema comes from the
    # migrations only (tests/core/test_privacy.py checks the purge's plan uses the index).
    __table_args__ = (
        Index("ix_visitor_retention_due", "last_seen_at", "created_at"),
        # The records merged into another one (WHERE merged_into_id IS NOT NULL, migration
        # 0013, predicate not repeated here for the same reason): the visitor lookup leaves
        # them out without reading visitor rows (tests/core/reception/test_lookup_plans.py).
        Index("ix_visitor_merged", "merged_into_id"),
        # The database refuses any other value (migration 0012); NULL: not given.
        CheckConstraint(sql_in("age_bracket", AgeBracket), name="age_bracket"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_key: Mapped[str] = mapped_column(String(36), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    # Folded "first last", to spot namesakes (possible duplicates).
    search_name: Mapped[str] = mapped_column(String(210), index=True)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    age_bracket: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(10))
    commune: Mapped[str | None] = mapped_column(String(120))
    sector: Mapped[str | None] = mapped_column(String(30))
    situations: Mapped[list[str]] = mapped_column(JSON, default=list)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("visitor.id"))
    # Set when the retention period has passed: names and notes removed, birth year reduced.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        default=utc_now,
        onupdate=utc_now,
        index=True,  # renames seen by the lookup
    )
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class VisitorNameToken(Base):
    """Each folded word of a visitor's names: prefix lookup by an index, at any size."""

    __tablename__ = "visitor_name_token"
    # Covering index: a prefix range gives the visitor ids without touching the table.
    __table_args__ = (Index("ix_visitor_name_token_lookup", "token", "visitor_id"),)

    visitor_id: Mapped[int] = mapped_column(
        ForeignKey("visitor.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(100), primary_key=True)


class Visit(Base):
    __tablename__ = "visit"
    # A centre's visits of a day or a month: the reception list and the monthly figures.
    __table_args__ = (
        Index("ix_visit_centre_occurred", "centre_id", "occurred_at"),
        # A person's visits not cancelled before a date (are they new in a period?), in one
        # range; lookups by person_key alone use it too (migration 0014).
        Index("ix_visit_person_first", "person_key", "cancelled_at", "occurred_at"),
        CheckConstraint(sql_in("channel", Channel), name="channel"),
        CheckConstraint(sql_in("age_bracket", AgeBracket), name="age_bracket"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("visitor.id"), index=True)
    person_key: Mapped[str | None] = mapped_column(String(36))
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    channel: Mapped[str] = mapped_column(String(20))
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    # The person's profile when the visit was logged (None for an anonymous visit).
    age_at_visit: Mapped[int | None] = mapped_column(Integer)
    age_bracket: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(10))
    commune: Mapped[str | None] = mapped_column(String(120))
    sector: Mapped[str | None] = mapped_column(String(30))
    situations: Mapped[list[str]] = mapped_column(JSON, default=list)
    new_visitor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(80))
    # Stamped when saved, unless a past time was typed on purpose (shown as set by hand).
    time_set_by_hand: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    corrected_by: Mapped[str | None] = mapped_column(String(80))


# Nothing of what the person agreed to give the programme's contact is kept without their
# consent (migration 0016): the service refuses it in French, the database in any case.
REFERRAL_CONTACT_CONSENT = (
    "consent OR (contact_preference IS NULL AND contact_phone IS NULL AND "
    "contact_email IS NULL AND availability IS NULL AND message IS NULL)"
)


def new_referral_reference() -> str:
    """A referral's reference (imported late: the reception package imports the models)."""
    from acsrv_desktop.core.reception.references import new_reference

    return new_reference()


class Referral(Base):
    __tablename__ = "referral"
    __table_args__ = (
        CheckConstraint(sql_in("status", ReferralStatus), name="status"),
        CheckConstraint(sql_in("refusal_reason", RefusalReason), name="refusal_reason"),
        CheckConstraint(sql_in("contact_preference", ContactPreference), name="contact_preference"),
        CheckConstraint(REFERRAL_CONTACT_CONSENT, name="contact_consent"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"))
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ReferralStatus.PROPOSEE)
    refusal_reason: Mapped[str | None] = mapped_column(String(30))
    refusal_note: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    created_by: Mapped[str | None] = mapped_column(String(80))
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    status_changed_by: Mapped[str | None] = mapped_column(String(80))
    # Issue 17: the loop. A reference to quote on the phone (``reception.references``).
    reference: Mapped[str] = mapped_column(String(8), unique=True, default=new_referral_reference)
    # What the person agreed to give the programme's contact, with their consent (above).
    consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    contact_preference: Mapped[str | None] = mapped_column(String(20))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    availability: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str | None] = mapped_column(Text)  # the desk's words for the contact
    # The first answer (contact pris, acceptée, refusée…): when, and by whom.
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by: Mapped[str | None] = mapped_column(String(80))


# ---------------------------------------------------------------------------------------------
# Staff accounts and audit trail (issue 6). Accounts are deactivated, never deleted: the audit
# trail keeps pointing at them. Audit rows are append-only: database triggers refuse updates,
# and deletes of rows younger than 12 months (see migration 0006).
# ---------------------------------------------------------------------------------------------


class StaffAccount(Base):
    __tablename__ = "staff_account"
    __table_args__ = (CheckConstraint(sql_in("role", Role), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)  # lower case
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    # Read only where it is checked (SQLite): on the server no staff login may read it, and
    # the application's queries of accounts do not ask for it.
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AuditEntry(Base):
    """Who did what and when: ids only, never a visitor's name or a note."""

    __tablename__ = "audit_entry"
    # Entries are written without asking their id back (RETURNING): on the server no staff
    # login may read the trail, not even the ids of the entries it writes.
    __table_args__ = {"implicit_returning": False}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40), index=True)
    record_type: Mapped[str | None] = mapped_column(String(30))
    record_id: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # SQLite: the hex HMAC-SHA256 chaining this entry to the previous one (audit_chain.py);
    # NULL on the server, whose privileges and triggers protect its trail.
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class ProgrammeReferent(Base):
    """A référent de programme's account and the catalogue entries it answers for (issue 17)."""

    __tablename__ = "programme_referent"

    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"), primary_key=True)
    programme_id: Mapped[str] = mapped_column(
        ForeignKey("programme.id"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
