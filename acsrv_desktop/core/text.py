"""Text helpers shared by search, validation and display (French conventions)."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[a-zA-Z]{2,}$")


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: "Cités Lab" -> "cites lab"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def quoted(text: object, limit: int = 40) -> str:
    """User text repeated in a message: shortened, control characters shown as "?", so that a
    pasted page or an invisible character never floods or garbles the message."""
    shown = "".join("?" if unicodedata.category(c) in ("Cc", "Cf") else c for c in str(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def words(text: str) -> list[str]:
    """The folded words of ``text``; punctuation and apostrophes separate words."""
    return _WORD.findall(fold(text))


def format_phone(raw: str) -> str:
    """A French number written the French way: "03.27.28.91.98" -> "03 27 28 91 98".

    Numbers that are not French ten-digit numbers are kept as typed (trimmed).
    """
    text = raw.strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+33") or text.startswith("0033"):
        digits = "0" + digits[2:] if text.startswith("+") else "0" + digits[4:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return text


def phone_digits(raw: str) -> str:
    return re.sub(r"\D", "", format_phone(raw))


def is_valid_phone(raw: str) -> bool:
    digits = phone_digits(raw)
    return len(digits) == 10 and digits.startswith("0") or raw.strip().startswith("+")


def tel_uri(phone: str) -> str:
    digits = phone_digits(phone)
    return (
        f"tel:+33{digits[1:]}" if len(digits) == 10 and digits.startswith("0") else f"tel:{digits}"
    )


SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
