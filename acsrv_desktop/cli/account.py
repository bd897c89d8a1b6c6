"""``account``: create, list and deactivate staff accounts (administration)."""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Callable
from typing import Any

from acsrv_desktop.cli.common import (
    NEW_PASSWORD_ENV,
    add_identity_option,
    centre_by_name,
    opened_database,
    read_new_password,
    signed_in_services,
)
from acsrv_desktop.core.accounts.passwords import POLICY_HINT
from acsrv_desktop.core.accounts.roles import Permission, Role
from acsrv_desktop.core.accounts.service import (
    AccountInput,
    AccountService,
    AccountView,
    normalise_login,
)
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.text import quoted

DatabaseOption = Callable[..., None]


def add_account_arguments(parser: argparse.ArgumentParser, database_option: DatabaseOption) -> None:
    """``account create|list|deactivate``; ``database_option`` adds main's ``--db`` to each
    action, so that it is accepted after the action as after any other command."""
    actions = parser.add_subparsers(
        title="actions ",
        dest="action",
        metavar="ACTION",
        required=True,
        parser_class=type(parser),
    )
    create = actions.add_parser(
        "create",
        help="crée un compte (nouveau mot de passe demandé deux fois, ou lu dans la variable "
        f"{NEW_PASSWORD_ENV})",
        description=textwrap.fill("Crée un compte du personnel. Mot de passe : " + POLICY_HINT, 78),
    )
    create.add_argument("--login", required=True, metavar="IDENTIFIANT", help="ex. marie.dupont")
    create.add_argument("--name", required=True, metavar="NOM", help="« Prénom Nom »")
    create.add_argument(
        "--role", required=True, choices=[r.value for r in Role], help="rôle du compte"
    )
    create.add_argument(
        "--centre", metavar="NOM", help="centre de rattachement (obligatoire pour l’accueil)"
    )
    create.add_argument(
        "--programme",
        dest="programmes",
        action="extend",
        nargs="+",
        default=[],
        metavar="ID",
        help="programme du catalogue dont le compte est le référent (obligatoire pour un "
        "référent ; un ou plusieurs, ex. --programme court-circuit cites-lab)",
    )
    listing = actions.add_parser("list", help="liste les comptes", description="Liste les comptes.")
    listing.add_argument("--json", action="store_true", help="résultat en JSON")
    deactivate = actions.add_parser(
        "deactivate",
        help="désactive un compte (il ne peut plus se connecter ; son historique reste)",
        description="Désactive un compte : il ne peut plus se connecter, son historique reste.",
    )
    deactivate.add_argument("--login", required=True, metavar="IDENTIFIANT", help="le compte")
    for action in (create, listing, deactivate):
        database_option(action, default=argparse.SUPPRESS)
        add_identity_option(action)


def command_account(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
        return ACTIONS[args.action](db, args)


# -- create ---------------------------------------------------------------------------------


def _create(db: Database, args: argparse.Namespace) -> int:
    role = Role(args.role)
    accounts = AccountService(db)
    # (On the server, named without a login, nothing is read before the sign-in.)
    first = not args.identifiant and not db.needs_personal_login and not accounts.has_accounts()
    if first and role != Role.ADMINISTRATION:
        raise UserFacingError(
            "La base n’a encore aucun compte : le premier est un compte d’administration "
            "(--role administration), qui pourra ensuite créer les autres."
        )
    services = signed_in_services(db, args)
    services.actor.require(Permission.ACCOUNTS)  # refused before any password is asked
    centre = centre_by_name(services, args.centre)
    centre_id = centre.id if centre else None
    if role == Role.ACCUEIL and centre is None:
        names = ", ".join(c.name for c in services.centres.centres())
        raise UserFacingError(
            f"Un compte d’accueil est rattaché à un centre : indiquez --centre NOM (centres : "
            f"{names})."
        )
    programmes = _programmes(services, role, args.programmes)
    password = read_new_password("Nouveau mot de passe", "aucun compte créé.")
    if first:  # the set-up wizard's own path: refused if an account appeared meanwhile
        accounts.create_first_administrator(args.login, args.name, password, centre_id)
    else:
        data = AccountInput(args.login, args.name, role, centre_id, programmes=programmes)
        services.accounts.create(data, password)
    where = f"{role.label}, {centre.name}" if centre else role.label
    if programmes:
        where += f", programmes : {', '.join(programmes)}"
    print(f"Compte créé : {normalise_login(args.login)} — {args.name.strip()} ({where}).")
    return 0


def _programmes(services: Services, role: Role, given: list[str]) -> tuple[str, ...]:
    """The ``--programme`` ids, checked before any password is asked: each in the
    catalogue, at least one for a référent, none for another role."""
    wanted = tuple(dict.fromkeys(p.strip() for p in given if p.strip()))
    if role != Role.REFERENT:
        if wanted:
            raise UserFacingError(
                "--programme ne sert qu’à un compte de référent de programme (--role referent)."
            )
        return ()
    if not wanted:
        raise UserFacingError(
            "Un compte de référent est rattaché à au moins un programme du catalogue : "
            "indiquez --programme ID (les identifiants : acsrv-desktop search …)."
        )
    unknown = [p for p in wanted if services.catalogue.entry(p) is None]
    if unknown:
        raise UserFacingError(
            "Programme inconnu du catalogue : "
            + ", ".join(f"« {quoted(p)} »" for p in unknown)
            + ". "
            "Aucun compte créé."
        )
    return wanted


# -- list -----------------------------------------------------------------------------------


def _as_json(account: AccountView) -> dict[str, Any]:
    return {
        "login": account.login,
        "name": account.display_name,
        "role": account.role.value,
        "centre": account.centre_name,
        "active": account.active,
    }


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """Aligned columns, the last one not padded (no trailing spaces)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _list(db: Database, args: argparse.Namespace) -> int:
    found = signed_in_services(db, args).accounts.accounts()
    if args.json:
        print(json.dumps([_as_json(a) for a in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(
            "Aucun compte. Le premier se crée avec « acsrv-desktop account create --login … "
            "--name … --role administration »."
        )
        return 0
    header = ("Identifiant", "Nom", "Rôle", "Centre", "État")
    rows = [
        (a.login, a.display_name, a.role.label, a.centre_name or "—")
        + ("actif" if a.active else "désactivé",)
        for a in found
    ]
    for line in _table([header, *rows]):
        print(line)
    return 0


# -- deactivate -----------------------------------------------------------------------------


def _deactivate(db: Database, args: argparse.Namespace) -> int:
    services = signed_in_services(db, args)
    wanted = normalise_login(args.login)
    account = next((a for a in services.accounts.accounts() if a.login == wanted), None)
    if account is None:
        raise UserFacingError(f"Aucun compte n’a l’identifiant « {quoted(args.login)} ».")
    if not account.active:
        print(f"Le compte « {account.login} » était déjà désactivé.")
        return 0
    services.accounts.update(
        account.id,
        AccountInput(
            account.login, account.display_name, account.role, account.centre_id, active=False
        ),
    )
    print(f"Compte « {account.login} » désactivé : il ne peut plus se connecter.")
    return 0


ACTIONS: dict[str, Callable[[Database, argparse.Namespace], int]] = {
    "create": _create,
    "list": _list,
    "deactivate": _deactivate,
}
