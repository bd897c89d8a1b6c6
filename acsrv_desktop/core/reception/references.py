"""A referral's reference: what a receptionist and a programme's contact quote on the phone.

Eight characters from an alphabet without the ones that are misheard or misread (no 0/O,
1/I/L, U/V), shown in two groups of four (« K7MX-4PRA »). Random, not derived from the id: a
local database transferred to the server keeps its references (a colliding one is drawn
again, ``server.transfer``), and a reference says nothing of how many referrals were made.
29⁸ ≈ 5 × 10¹¹ values: a collision is a unique-key refusal, not a wrong referral.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # 29 symbols: no 0 O 1 I L U V
LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(reference: str) -> str:
    """« K7MX-4PRA »: two groups, easier to read out."""
    return f"{reference[:4]}-{reference[4:]}" if len(reference) == LENGTH else reference


def normalised(typed: str) -> str | None:
    """The reference as stored, from what was typed (any case, spaces or dashes); None when
    it cannot be one."""
    compact = "".join(c for c in typed.upper() if c.isalnum())
    if len(compact) != LENGTH or any(c not in ALPHABET for c in compact):
        return None
    return compact
