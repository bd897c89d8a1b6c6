"""``route``: the reception desk's ranking of programmes, from the command line."""

from __future__ import annotations

import argparse
import json

from acsrv_desktop.cli.common import opened_database, reader_services
from acsrv_desktop.core.catalogue.vocabularies import GENDERS, load_vocabularies
from acsrv_desktop.core.reception.routing import Person
from acsrv_desktop.core.text import quoted


def _age(value: str) -> int:
    try:
        age = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"âge invalide « {quoted(value)} » (un nombre entier)"
        ) from exc
    if not 0 <= age <= 120:
        raise argparse.ArgumentTypeError(f"âge invalide « {quoted(value)} » (entre 0 et 120)")
    return age


def _situation(value: str) -> str:
    if value not in load_vocabularies().situations:
        codes = ", ".join(load_vocabularies().situations)
        raise argparse.ArgumentTypeError(
            f"situation inconnue « {quoted(value)} » (codes : {codes})"
        )
    return value


def _need(value: str) -> str:
    canonical = load_vocabularies().canonical_thematique(value)
    if canonical is None:
        raise argparse.ArgumentTypeError(
            f"thématique inconnue « {quoted(value)} » "
            "(thématique data·inclusion, ex. trouver-un-emploi)"
        )
    return canonical


def add_route_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--age", type=_age, help="âge de la personne")
    parser.add_argument("--gender", choices=list(GENDERS), help="femme, homme ou autre")
    parser.add_argument("--commune", help="commune de résidence")
    parser.add_argument(
        "--situation",
        action="append",
        type=_situation,
        default=[],
        metavar="CODE",
        help="situation (répétable) : " + ", ".join(load_vocabularies().situations),
    )
    parser.add_argument(
        "--need",
        action="append",
        type=_need,
        default=[],
        metavar="THEME",
        help="besoin, thématique data·inclusion (répétable), ex. trouver-un-emploi",
    )
    parser.add_argument("--json", action="store_true", help="résultats en JSON")


def command_route(args: argparse.Namespace) -> int:
    person = Person(
        age=args.age,
        gender=args.gender,
        commune=args.commune,
        situations=frozenset(args.situation),
        needs=tuple(args.need),
    )
    with opened_database(args) as db:
        suggestions = reader_services(db).routing.suggest(person)
    if args.json:
        print(json.dumps([s.as_json() for s in suggestions], ensure_ascii=False, indent=2))
        return 0
    eligible = [s for s in suggestions if s.eligible]
    others = [s for s in suggestions if not s.eligible]
    print("Programmes qui conviennent :" if eligible else "Aucun programme ne convient.")
    for s in eligible:
        contact = s.contact
        reach = f" — {contact.name}, {contact.phone or contact.email or ''}" if contact else ""
        print(f"  {s.score:5.1f}  {s.entry.name}{reach}")
        for reason in s.reasons:
            print(f"           ✓ {reason}")
        for check in s.to_check:
            print(f"           ? {check}")
    if others:
        print("Ne conviennent pas :")
        for s in others:
            print(f"         {s.entry.name} : {'; '.join(s.blockers)}")
    return 0
