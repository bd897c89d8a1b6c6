"""Staff accounts: the first administrator, sign-in, unlocking, and their management.

The slow argon2 verification runs outside any write transaction (it would hold SQLite's write
lock for its whole duration); the outcome is then recorded in one short transaction.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts import audit, audit_chain, server_logins
from acsrv_desktop.core.accounts.errors import WRONG_CREDENTIALS as WRONG_CREDENTIALS
from acsrv_desktop.core.accounts.errors import AccountError as AccountError
from acsrv_desktop.core.accounts.errors import SignInError as SignInError
from acsrv_desktop.core.accounts.passwords import (
    describe_problems,
    hash_password,
    needs_rehash,
    password_problems,
    spend_verification_time,
    verify_password,
)
from acsrv_desktop.core.accounts.roles import Actor, Permission, Role
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Centre, Programme, ProgrammeReferent, StaffAccount

INVISIBLE = ("Cc", "Cf", "Cs", "Zl", "Zp")  # control, format, lone surrogate, line breaks
FREE_ATTEMPTS = 5  # failures allowed before a delay is imposed
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(minutes=15)
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
REFUSED_ACTIONS = {
    "connexion": "connexion-refusee",
    "deverrouillage": "deverrouillage-refuse",
    "verification": "verification-refusee",
}


def delay_after(failures: int) -> timedelta:
    """The wait imposed after ``failures`` consecutive failures: none for the first five, then
    30 s, 1 min, 2 min… up to 15 min."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_ATTEMPTS), LONGEST_DELAY)


def _wait_text(remaining: timedelta) -> str:
    seconds = max(1, int(remaining.total_seconds() + 0.999))
    if seconds < 90:
        return f"{seconds} secondes"
    return f"{(seconds + 59) // 60} minutes"


def normalise_login(login: str) -> str:
    return unicodedata.normalize("NFC", login).strip().lower()


@dataclass(frozen=True)
class AccountView:
    id: int
    login: str
    display_name: str
    role: Role
    centre_id: int | None
    centre_name: str | None
    active: bool
    last_sign_in_at: datetime | None
    programmes: tuple[str, ...] = ()  # a référent's programmes (ids)


@dataclass(frozen=True)
class AccountInput:
    login: str
    display_name: str
    role: Role
    centre_id: int | None
    active: bool = True
    # A référent's programmes (catalogue ids); None: unchanged (an update), none (a creation).
    programmes: tuple[str, ...] | None = None


def _matches(account: StaffAccount, actor: Actor) -> bool:
    return (
        account.active and account.role == actor.role.value and account.centre_id == actor.centre_id
    )


def _actor(account: StaffAccount) -> Actor:
    return Actor(
        account.id, account.login, Role(account.role), account.centre_id, account.display_name
    )


class AccountService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- first start --------------------------------------------------------------------------

    def has_accounts(self) -> bool:
        with self.db.read() as session:
            return (session.scalar(select(func.count()).select_from(StaffAccount)) or 0) > 0

    def create_first_administrator(
        self, login: str, display_name: str, password: str, centre_id: int | None
    ) -> Actor:
        """The set-up wizard's account; refused once any account exists, and on SQLite once
        the sealed trail says one existed (or is altered)."""
        data = AccountInput(login, display_name, Role.ADMINISTRATION, centre_id)
        login = self._check(data, password)
        password_hash = hash_password(password) if self.db.is_sqlite else ""
        with self.db.write() as session:
            if session.scalar(select(func.count()).select_from(StaffAccount)):
                raise AccountError("Le compte d’administration a déjà été créé.")
            if self.db.is_sqlite:  # an emptied accounts table is no first start
                refusal = audit_chain.first_administrator_refusal(session, self.db)
                if refusal is not None:
                    raise AccountError(refusal)
            self._check_centre(session, data)
            account_id = self._add_account(session, data, login, password, password_hash)
            actor = Actor(account_id, login, Role.ADMINISTRATION, centre_id, data.display_name)
            audit.record(session, actor, "compte-cree", "compte", account_id, role=str(data.role))
            return actor

    # -- sign-in and unlocking ---------------------------------------------------------------

    def sign_in(self, login: str, password: str, *, now: datetime | None = None) -> Actor:
        """Who signs in (the sign-in is traced); a ``SignInError`` with the same message for
        an unknown login and a wrong password."""
        if not self.db.is_sqlite:
            personal, actor = self.open_session(login, password)
            personal.dispose()
            return actor
        return self._sign_in_locally(login, password, now or utc_now())

    def open_session(self, login: str, password: str) -> tuple[Database, Actor]:
        """The database to work in as the person signed in, and who they are. On the shared
        server, a connection with their own PostgreSQL login; locally, the same database."""
        if self.db.is_sqlite:
            return self.db, self._sign_in_locally(login, password, utc_now())
        wanted = normalise_login(login)
        if not LOGIN_PATTERN.fullmatch(wanted):  # names no login: not sent to the server
            raise SignInError(WRONG_CREDENTIALS)
        personal, actor = server_logins.sign_in(self.db, wanted, password)
        try:
            # The server's schema checked as the workstation's start does (never migrated
            # here: IT's « server migrate » does), then the sign-in traced.
            from acsrv_desktop.core.schema import check_server_schema

            check_server_schema(personal)
            audit.write(personal, actor, "connexion", "compte", actor.account_id)
        except BaseException:
            personal.dispose()
            raise
        return personal, actor

    def _sign_in_locally(self, login: str, password: str, now: datetime) -> Actor:
        wanted = normalise_login(login)
        account = None
        if LOGIN_PATTERN.fullmatch(wanted):  # anything else names no account (nor reaches SQL)
            with self.db.read() as session:
                account = session.scalar(select(StaffAccount).where(StaffAccount.login == wanted))
                if account is not None:
                    session.expunge(account)
        if account is None or not account.active:
            spend_verification_time(password)
            audit.write(self.db, Actor(None, "inconnu", Role.ACCUEIL), "connexion-refusee")
            raise SignInError(WRONG_CREDENTIALS)
        self._verify(account, password, now, "connexion")
        return _actor(account)

    def unlock(self, actor: Actor, password: str, *, now: datetime | None = None) -> None:
        """The signed-in person's password again, after the idle lock."""
        with self.db.read() as session:
            account = session.get(StaffAccount, actor.account_id) if actor.account_id else None
            if account is not None:
                session.expunge(account)
        if account is None or not account.active:
            raise SignInError("Ce compte a été désactivé : fermez l’application.")
        if not _matches(account, actor):
            raise SignInError(
                "Vos droits ont changé depuis la connexion : fermez l’application et "
                "reconnectez-vous."
            )
        if not self.db.is_sqlite:
            self._verify_on_server(actor, password, "deverrouillage")
            return
        self._verify(account, password, now or utc_now(), "deverrouillage")

    def _verify_on_server(self, actor: Actor, password: str, action: str) -> None:
        """The password checked by the server (which slows failures down), and traced."""
        accepted = server_logins.password_is_right(self.db, actor.login, password)
        refusal = REFUSED_ACTIONS[action]
        audit.write(self.db, actor, action if accepted else refusal, "compte", actor.account_id)
        if not accepted:
            raise SignInError("Mot de passe incorrect.")
        if self.db.login == actor.login:  # reset meanwhile (elsewhere): reconnect with it
            self.db.use_password(password)

    def _verify(self, account: StaffAccount, password: str, now: datetime, action: str) -> None:
        """Count the attempt first, then check the password: attempts made in parallel (several
        workstations, scripts) are counted and blocked like successive ones."""
        actor = _actor(account)
        refused = REFUSED_ACTIONS[action]
        with self.db.write() as session:
            row = session.get(StaffAccount, account.id, with_for_update=True)
            if row is None:
                raise SignInError(WRONG_CREDENTIALS)
            if row.blocked_until is not None and now < row.blocked_until:
                wait = row.blocked_until - now
                audit.record(session, actor, refused, "compte", row.id, motif="attente")
                blocked = True
            else:
                blocked = False
                row.failed_attempts += 1  # undone below if the password is right
                delay = delay_after(row.failed_attempts)
                row.blocked_until = now + delay if delay else None
                attempts = row.failed_attempts
            stored_hash = row.password_hash
        if blocked:
            spend_verification_time(password)  # as long as any refusal
            raise SignInError(f"Trop d’essais manqués : réessayez dans {_wait_text(wait)}.")
        accepted = verify_password(stored_hash, password)
        new_hash = hash_password(password) if accepted and needs_rehash(stored_hash) else None
        with self.db.write() as session:
            row = session.get(StaffAccount, account.id, with_for_update=True)
            if row is None:
                raise SignInError(WRONG_CREDENTIALS)
            if accepted:
                row.failed_attempts, row.blocked_until = 0, None
                row.last_sign_in_at = now
                if new_hash is not None:
                    row.password_hash = new_hash  # the parameters were raised since
                audit.record(session, actor, action, "compte", row.id)
                return
            audit.record(session, actor, refused, "compte", row.id, echecs=attempts)
        refusal = WRONG_CREDENTIALS if action == "connexion" else "Mot de passe incorrect."
        raise SignInError(
            refusal + (f" Prochain essai possible dans {_wait_text(delay)}." if delay else "")
        )

    def still_valid(self, actor: Actor) -> bool:
        """Whether the account is still active with the role and centre it signed in with."""
        if actor.account_id is None:
            return True
        with self.db.read() as session:
            row = session.get(StaffAccount, actor.account_id)
            return row is not None and _matches(row, actor)

    # -- management (administration) ---------------------------------------------------------

    def accounts(self, actor: Actor) -> list[AccountView]:
        actor.require(Permission.ACCOUNTS)
        with self.db.read() as session:
            rows = session.execute(
                select(StaffAccount, Centre.name)
                .outerjoin(Centre, Centre.id == StaffAccount.centre_id)
                .order_by(StaffAccount.active.desc(), StaffAccount.login)
            ).all()
            links: dict[int, list[str]] = {}
            for account_id, programme_id in session.execute(
                select(ProgrammeReferent.account_id, ProgrammeReferent.programme_id).order_by(
                    ProgrammeReferent.programme_id
                )
            ):
                links.setdefault(account_id, []).append(programme_id)
            return [
                AccountView(
                    row.id,
                    row.login,
                    row.display_name,
                    Role(row.role),
                    row.centre_id,
                    centre,
                    row.active,
                    row.last_sign_in_at,
                    tuple(links.get(row.id, ())),
                )
                for row, centre in rows
            ]

    def create(self, actor: Actor, data: AccountInput, password: str) -> int:
        actor.require(Permission.ACCOUNTS)
        login = self._check(data, password)
        password_hash = hash_password(password) if self.db.is_sqlite else ""
        with self.db.write() as session:
            self._check_centre(session, data)
            programmes = self._check_programmes(session, data, ())
            if session.scalar(select(StaffAccount.id).where(StaffAccount.login == login)):
                raise AccountError(f"L’identifiant « {login} » est déjà pris.", "login")
            account_id = self._add_account(session, data, login, password, password_hash)
            audit.record(session, actor, "compte-cree", "compte", account_id, role=str(data.role))
            if programmes:
                self._replace_programmes(session, actor, account_id, (), programmes)
            return account_id

    def update(self, actor: Actor, account_id: int, data: AccountInput) -> None:
        """Name, role, centre and active flag; the login never changes (the audit uses it)."""
        actor.require(Permission.ACCOUNTS)
        self._check_fields(data)
        with self.db.write() as session:
            row = session.get(StaffAccount, account_id)
            if row is None:
                raise AccountError("Ce compte n’existe plus.")
            self._check_centre(session, data)
            programmes = self._check_programmes(session, data, _programmes_of(session, account_id))
            if account_id == actor.account_id and not data.active:
                raise AccountError("Vous ne pouvez pas désactiver votre propre compte.", "active")
            if account_id == actor.account_id and (
                data.role != row.role or data.centre_id != row.centre_id
            ):
                raise AccountError(
                    "Votre propre rôle et votre centre se changent depuis un autre compte "
                    "d’administration.",
                    "role",
                )
            losing_admin = (
                row.role == Role.ADMINISTRATION
                and row.active
                and (data.role != Role.ADMINISTRATION or not data.active)
            )
            if losing_admin and self._active_administrators(session) <= 1:
                raise AccountError(
                    "Il faut garder au moins un compte d’administration actif.", "role"
                )
            changed = {
                name: new
                for name, old, new in (
                    ("role", row.role, str(data.role)),
                    ("centre", row.centre_id, data.centre_id),
                    ("actif", row.active, data.active),
                    ("nom", row.display_name, data.display_name.strip()),
                )
                if old != new
            }
            if self.db.is_sqlite:
                row.display_name = data.display_name.strip()
                row.role, row.centre_id, row.active = str(data.role), data.centre_id, data.active
            else:  # the login's group and LOGIN with the row, by the owner's function
                server_logins.update_account(
                    session,
                    account_id,
                    data.display_name.strip(),
                    data.role,
                    data.centre_id,
                    data.active,
                )
            if "nom" in changed:
                changed["nom"] = "modifié"  # the audit keeps no names
            audit.record(session, actor, "compte-modifie", "compte", account_id, **changed)
            before = _programmes_of(session, account_id)
            after = programmes if data.role == Role.REFERENT else ()
            if after != before:
                self._replace_programmes(session, actor, account_id, before, after)

    def set_password(
        self, actor: Actor, account_id: int, new_password: str, current_password: str | None = None
    ) -> None:
        """An administrator sets anyone's password; anyone changes their own, giving the
        current one."""
        own = account_id == actor.account_id
        if not own:
            actor.require(Permission.ACCOUNTS)
        with self.db.read() as session:
            row = session.get(StaffAccount, account_id)
            if row is not None:
                session.expunge(row)
        if row is None:
            raise AccountError("Ce compte n’existe plus.")
        login = row.login
        if own:  # the current password, counted like a sign-in (no guessing at an open session)
            try:
                if self.db.is_sqlite:
                    self._verify(row, current_password or "", utc_now(), "verification")
                else:
                    self._verify_on_server(actor, current_password or "", "verification")
            except SignInError as exc:
                raise AccountError(f"Mot de passe actuel : {exc}", "current") from exc
        problems = password_problems(new_password, login)
        if problems:
            raise AccountError(describe_problems(problems), "password")
        if not self.db.is_sqlite:
            self._set_password_on_server(actor, account_id, login, new_password)
            return
        new_hash = hash_password(new_password)
        with self.db.write() as session:
            row = session.get(StaffAccount, account_id)
            if row is None:
                raise AccountError("Ce compte n’existe plus.")
            row.password_hash, row.password_changed_at = new_hash, utc_now()
            row.failed_attempts, row.blocked_until = 0, None
            audit.record(session, actor, "mot-de-passe", "compte", account_id)

    def _set_password_on_server(
        self, actor: Actor, account_id: int, login: str, new_password: str
    ) -> None:
        with self.db.write() as session:
            server_logins.set_password(session, account_id, login, new_password)
            audit.record(session, actor, "mot-de-passe", "compte", account_id)
        if self.db.login == login:  # one's own: the connections opened later need it
            self.db.use_password(new_password)

    def set_programmes(self, actor: Actor, account_id: int, programmes: tuple[str, ...]) -> None:
        """The programmes a référent answers for, replaced (at least one)."""
        actor.require(Permission.ACCOUNTS)
        with self.db.write() as session:
            row = session.get(StaffAccount, account_id)
            if row is None:
                raise AccountError("Ce compte n’existe plus.")
            data = AccountInput(row.login, row.display_name, Role(row.role), row.centre_id)
            data = dataclasses.replace(data, programmes=programmes)
            if data.role != Role.REFERENT:
                raise AccountError(
                    "Seul un compte de référent de programme est rattaché à des programmes.",
                    "programmes",
                )
            after = self._check_programmes(session, data, ())
            before = _programmes_of(session, account_id)
            if after != before:
                self._replace_programmes(session, actor, account_id, before, after)

    def _replace_programmes(
        self,
        session: Session,
        actor: Actor,
        account_id: int,
        before: tuple[str, ...],
        after: tuple[str, ...],
    ) -> None:
        if self.db.is_sqlite:
            for programme_id in set(before) - set(after):
                link = session.get(ProgrammeReferent, (account_id, programme_id))
                if link is not None:
                    session.delete(link)
            for programme_id in sorted(set(after) - set(before)):
                session.add(ProgrammeReferent(account_id=account_id, programme_id=programme_id))
        else:  # no login holds DELETE: the owner's function replaces them
            server_logins.replace_referent_programmes(session, account_id, after)
        audit.record(
            session,
            actor,
            "programmes-referent",
            "compte",
            account_id,
            ajoutes=", ".join(sorted(set(after) - set(before))) or None,
            retires=", ".join(sorted(set(before) - set(after))) or None,
        )

    # -- checks -------------------------------------------------------------------------------

    @staticmethod
    def _check_programmes(
        session: Session, data: AccountInput, current: tuple[str, ...]
    ) -> tuple[str, ...]:
        """A référent's programmes (sorted, each in the catalogue; at least one); none for
        another role."""
        if data.role != Role.REFERENT:
            if data.programmes:
                raise AccountError(
                    "Seul un compte de référent de programme est rattaché à des programmes.",
                    "programmes",
                )
            return ()
        wanted = tuple(
            sorted({p.strip() for p in data.programmes if p.strip()})
            if data.programmes is not None
            else current
        )
        unknown = [p for p in wanted if session.get(Programme, p) is None]
        if unknown:
            listed = ", ".join(f"« {p} »" for p in unknown)
            raise AccountError(f"Programme inconnu du catalogue : {listed}.", "programmes")
        if not wanted:
            raise AccountError(
                "Un compte de référent est rattaché à au moins un programme du catalogue : "
                "choisissez-le.",
                "programmes",
            )
        return wanted

    @staticmethod
    def _check_fields(data: AccountInput) -> None:
        name = data.display_name.strip()
        if not name:
            raise AccountError("Indiquez le nom de la personne.", "display_name")
        if len(name) > 120 or any(unicodedata.category(c) in INVISIBLE for c in name):
            raise AccountError(
                "Le nom est trop long (120 caractères au plus) ou contient un caractère invisible.",
                "display_name",
            )
        if data.role not in tuple(Role):
            raise AccountError("Choisissez un rôle.", "role")
        if data.role == Role.ACCUEIL and data.centre_id is None:
            raise AccountError(
                "Un compte d’accueil est rattaché à un centre : choisissez-le.", "centre"
            )

    def _check(self, data: AccountInput, password: str) -> str:
        login = normalise_login(data.login)
        if not LOGIN_PATTERN.fullmatch(login):
            raise AccountError(
                "Identifiant : 2 à 40 caractères, lettres sans accent, chiffres, point, tiret "
                "ou soulignement (par exemple « marie.dupont »).",
                "login",
            )
        self._check_fields(data)
        problems = password_problems(password, login)
        if problems:
            raise AccountError(describe_problems(problems), "password")
        return login

    @staticmethod
    def _check_centre(session: Session, data: AccountInput) -> None:
        if data.centre_id is not None and session.get(Centre, data.centre_id) is None:
            raise AccountError("Ce centre n’existe plus.", "centre")

    @staticmethod
    def _active_administrators(session: Session) -> int:
        return (
            session.scalar(
                select(func.count())
                .select_from(StaffAccount)
                .where(
                    StaffAccount.role == Role.ADMINISTRATION.value, StaffAccount.active.is_(True)
                )
            )
            or 0
        )

    def _add_account(
        self, session: Session, data: AccountInput, login: str, password: str, password_hash: str
    ) -> int:
        """The new account's id: a row here, and on the server its PostgreSQL login too."""
        if self.db.is_sqlite:
            return self._new_account(session, data, login, password_hash).id
        return server_logins.create_account(
            session, login, data.display_name.strip(), data.role, data.centre_id, password
        )

    @staticmethod
    def _new_account(
        session: Session, data: AccountInput, login: str, password_hash: str
    ) -> StaffAccount:
        account = StaffAccount(
            login=login,
            display_name=data.display_name.strip(),
            role=str(data.role),
            centre_id=data.centre_id,
            password_hash=password_hash,
            active=data.active,
            failed_attempts=0,
        )
        session.add(account)
        session.flush()
        return account


def _programmes_of(session: Session, account_id: int) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(ProgrammeReferent.programme_id)
            .where(ProgrammeReferent.account_id == account_id)
            .order_by(ProgrammeReferent.programme_id)
        )
    )


class AccountManagement:
    """The accounts as one signed-in actor manages them (administration), and that actor's
    own session: its password, its unlocking. Signing in, before any actor exists, is
    ``AccountService``'s."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self._service = AccountService(db)

    def accounts(self) -> list[AccountView]:
        self.actor.require(Permission.ACCOUNTS)
        return self._service.accounts(self.actor)

    def create(self, data: AccountInput, password: str) -> int:
        self.actor.require(Permission.ACCOUNTS)
        return self._service.create(self.actor, data, password)

    def update(self, account_id: int, data: AccountInput) -> None:
        self.actor.require(Permission.ACCOUNTS)
        self._service.update(self.actor, account_id, data)

    def set_programmes(self, account_id: int, programmes: tuple[str, ...]) -> None:
        """The programmes a référent answers for (replaced; at least one)."""
        self.actor.require(Permission.ACCOUNTS)
        self._service.set_programmes(self.actor, account_id, programmes)

    def link_programme(self, account_id: int, programme_id: str) -> None:
        """One more programme for a référent."""
        self.actor.require(Permission.ACCOUNTS)
        current = self._programmes(account_id)
        self._service.set_programmes(self.actor, account_id, (*current, programme_id))

    def unlink_programme(self, account_id: int, programme_id: str) -> None:
        """One programme less (a référent keeps at least one)."""
        self.actor.require(Permission.ACCOUNTS)
        current = self._programmes(account_id)
        left = tuple(p for p in current if p != programme_id)
        self._service.set_programmes(self.actor, account_id, left)

    def _programmes(self, account_id: int) -> tuple[str, ...]:
        with self.db.read() as session:
            return _programmes_of(session, account_id)

    def set_password(
        self, account_id: int, new_password: str, current_password: str | None = None
    ) -> None:
        """Anyone changes their own password (giving the current one); administration sets
        anyone's."""
        if account_id != self.actor.account_id:
            self.actor.require(Permission.ACCOUNTS)
        self._service.set_password(self.actor, account_id, new_password, current_password)

    def unlock(self, password: str) -> None:
        """The actor's own password again, after the idle lock."""
        self._service.unlock(self.actor, password)

    def still_valid(self) -> bool:
        """Whether the actor's account still has the role and centre it signed in with."""
        return self._service.still_valid(self.actor)
