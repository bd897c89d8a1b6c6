"""argparse, speaking French, with one-line errors (exit status 2)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

# argparse's own English messages, as patterns, and their French wording.
_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^the following arguments are required: (.*)$"),
        "argument(s) obligatoire(s) manquant(s) : {0}",
    ),
    (re.compile(r"^unrecognized arguments: (.*)$"), "argument(s) non reconnu(s) : {0}"),
    (
        re.compile(r"^invalid choice: (.*?) \(choose from (.*)\)$"),
        "choix invalide : {0} (possibles : {1})",
    ),
    (re.compile(r"^invalid \S+ value: (.*)$"), "valeur invalide : {0}"),
    (re.compile(r"^expected one argument$"), "une valeur est attendue"),
    (re.compile(r"^expected at least one argument$"), "au moins une valeur est attendue"),
    (re.compile(r"^expected at most one argument$"), "une valeur au plus est attendue"),
    (re.compile(r"^expected (\d+) arguments?$"), "{0} valeur(s) attendue(s)"),
    (
        re.compile(r"^ambiguous option: (\S+) could match (.*)$"),
        "option ambiguë : {0} (peut désigner {1})",
    ),
    (re.compile(r"^not allowed with argument (.*)$"), "incompatible avec {0}"),
    (
        re.compile(r"^one of the arguments (.*) is required$"),
        "l'un des arguments {0} est obligatoire",
    ),
    (re.compile(r"^ignored explicit argument (.*)$"), "valeur inattendue {0}"),
]
_ARGUMENT_PREFIX = re.compile(r"^argument (\S+?): (.*)$", re.DOTALL)


def translate_error(message: str) -> str:
    """French wording of an argparse error message (unknown ones are kept as they are)."""
    prefixed = _ARGUMENT_PREFIX.match(message)
    if prefixed:
        return f"argument {prefixed.group(1)} : {translate_error(prefixed.group(2))}"
    for pattern, french in _TRANSLATIONS:
        match = pattern.match(message)
        if match:
            return french.format(*match.groups())
    return message


class FrenchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        # argparse adds ":" to section titles; French puts a space before it.
        self._positionals.title = "arguments "
        self._optionals.title = "options "
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="affiche cette aide et quitte",
        )

    def error(self, message: str) -> NoReturn:
        root = self.prog.split()[0]
        sys.stderr.write(
            f"{self.prog} : erreur : {translate_error(message)} (voir « {root} --help »)\n"
        )
        sys.exit(2)
