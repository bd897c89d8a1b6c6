"""``search`` and ``catalogue`` sub-commands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from acsrv_desktop.cli.common import opened_database, reader_services, signed_in_services
from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.catalogue.datainclusion import export_json, import_json
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.text import quoted


def _choice(vocabulary: dict[str, str], unknown: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in vocabulary:
            raise argparse.ArgumentTypeError(
                f"{unknown} « {quoted(value)} » (possibles : {', '.join(vocabulary)})"
            )
        return value

    return check


def _theme(value: str) -> str:
    canonical = load_vocabularies().canonical_thematique(value)
    if canonical is None:
        raise argparse.ArgumentTypeError(f"thématique inconnue « {quoted(value)} »")
    return canonical


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    vocab = load_vocabularies()
    parser.add_argument("query", metavar="RECHERCHE", help="mots cherchés (entre guillemets)")
    parser.add_argument("--json", action="store_true", help="résultats en JSON")
    parser.add_argument(
        "--theme", type=_theme, help="thématique data·inclusion (ex. trouver-un-emploi)"
    )
    parser.add_argument(
        "--public", type=_choice(vocab.publics, "public inconnu"), help="public (ex. jeunes)"
    )
    parser.add_argument(
        "--sector",
        type=_choice(vocab.sectors, "secteur inconnu"),
        help="secteur : " + ", ".join(vocab.sectors),
    )
    parser.add_argument("--limit", type=int, default=None, help="nombre de résultats au plus")


def command_search(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        print("acsrv-desktop search : erreur : --limit doit être au moins 1", file=sys.stderr)
        return 2
    with opened_database(args) as db:
        results = reader_services(db).catalogue.search(
            args.query, theme=args.theme, public=args.public, sector=args.sector, limit=args.limit
        )
    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
        return 0
    if not results:
        shown = args.query if len(args.query) <= 80 else args.query[:80] + "…"
        print(f"Aucun programme ne correspond à « {shown} ».")
        return 0
    for result in results:
        contact = result.contact
        reach = ", ".join(x for x in (contact.phone, contact.email) if x) if contact else ""
        who = f" — {contact.name}" + (f" ({reach})" if reach else "") if contact else ""
        print(f"{result.score:6.1f}  {result.entry.name} [{result.entry.kind_label}]{who}")
    return 0


def add_catalogue_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("export", "import"), help="export ou import")
    parser.add_argument("file", metavar="FICHIER", type=Path, help="fichier JSON (data·inclusion)")


def command_catalogue(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
        if args.action == "export":
            catalogue = reader_services(db).catalogue
            # Whole or not at all, never over the database: an OutputError says why in French.
            atomic_output.write_text(args.file, export_json(catalogue))
            print(f"Catalogue exporté dans {args.file}.")
            return 0
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFacingError(
                f"Impossible de lire {args.file} : fichier absent ou pas en UTF-8."
            ) from exc
        report = import_json(signed_in_services(db, args).catalogue, text)
    print(report.describe())
    return 0
