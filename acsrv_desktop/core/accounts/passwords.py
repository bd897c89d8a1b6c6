"""Passwords: argon2id hashes in PHC form, and the policy a new password must meet.

The parameters are at least OWASP's argon2id minimum (m=19 MiB, t=2, p=1). When they are
raised here, stored hashes are re-hashed at the next successful sign-in.

argon2 is imported at the first hash or check, not with this module: the application's start
(which imports the accounts service) does not need it.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 12
LONG_LENGTH = 14  # long enough to do without special characters (CNIL, 2022)
MAX_LENGTH = 256  # argon2 takes anything; a 100,000-character paste is a mistake


@cache
def hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, type=Type.ID)


def _prepared(password: str) -> bytes:
    # The same password typed on another keyboard may come in another Unicode form; a lone
    # surrogate (never typed, but pasted from a broken source) must not stop the check.
    return unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    return hasher().hash(_prepared(password))


def verify_password(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return hasher().verify(stored_hash, _prepared(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    from argon2.exceptions import InvalidHashError

    try:
        return hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


# Verified against when the login is unknown, so that an unknown login takes as long to refuse
# as a wrong password (the time taken does not tell which logins exist). Written out rather than
# hashed at start-up (a tenth of a second for nothing): it is the hash, with the parameters of
# hasher(), of a password no account has — tests check both, so raising the parameters without
# hashing the decoy again fails there. It must not be computed at the first refusal either:
# that first refusal would take twice as long and tell the login is unknown.
DECOY_PASSWORD = "leurre : aucun compte ne porte ce mot de passe"
DECOY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$Kckfbi4SThpt4rEV1MO20w$"
    "UCkv5Kj1VfPboJ2T7MSRiMUO6/sjILKQynoIFuAhJUk"
)


def spend_verification_time(password: str) -> None:
    verify_password(DECOY_HASH, password)


def password_problems(password: str, login: str = "") -> list[str]:
    """What the password lacks, in French; empty when it is acceptable.

    The CNIL's 2022 recommendation: at least 12 characters mixing lower case, upper case,
    digits and special characters — or at least 14 with lower case, upper case and digits.
    """
    if len(password) > MAX_LENGTH:
        return [f"le mot de passe ne doit pas dépasser {MAX_LENGTH} caractères"]
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in password):
        return ["le mot de passe contient un caractère invisible ou de contrôle"]
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"au moins {MIN_LENGTH} caractères (ici {len(password)})")
    kinds = {
        "des minuscules": any(c.islower() for c in password),
        "des majuscules": any(c.isupper() for c in password),
        "des chiffres": any(c.isdigit() for c in password),
    }
    special = any(not c.isalnum() for c in password)
    missing = [name for name, present in kinds.items() if not present]
    if not special and len(password) < LONG_LENGTH:
        missing.append(f"des caractères spéciaux (ou au moins {LONG_LENGTH} caractères)")
    if missing:
        problems.append(", ".join(missing))
    if login and len(login) >= 3 and login.casefold() in password.casefold():
        problems.append("ne pas contenir l’identifiant")
    return problems


def describe_problems(problems: list[str]) -> str:
    return "Mot de passe trop faible : " + " ; ".join(problems) + "."


POLICY_HINT = (
    f"Au moins {MIN_LENGTH} caractères avec minuscules, majuscules, chiffres et caractères "
    f"spéciaux (ou au moins {LONG_LENGTH} avec minuscules, majuscules et chiffres)."
)
