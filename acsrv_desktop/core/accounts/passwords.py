"""Passwords: argon2id hashes in PHC form, and the policy a new password must meet.

The parameters are at least OWASP's argon2id minimum (m=19 MiB, t=2, p=1). When they are
raised here, stored hashes are re-hashed at the next successful sign-in.
"""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
LONG_LENGTH = 14  # long enough to do without special characters (CNIL, 2022)
MAX_LENGTH = 256  # argon2 takes anything; a 100,000-character paste is a mistake

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, type=Type.ID)


def _prepared(password: str) -> bytes:
    # The same password typed on another keyboard may come in another Unicode form; a lone
    # surrogate (never typed, but pasted from a broken source) must not stop the check.
    return unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    return HASHER.hash(_prepared(password))


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash, _prepared(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


# Verified against when the login is unknown, so that an unknown login takes as long to refuse
# as a wrong password (the time taken does not tell which logins exist).
_DECOY_HASH = hash_password("leurre : aucun compte ne porte ce mot de passe")


def spend_verification_time(password: str) -> None:
    verify_password(_DECOY_HASH, password)


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
