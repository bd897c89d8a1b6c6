"""The password policy and the argon2id hashes (no database)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from acsrv_desktop.core.accounts.passwords import (
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)


@pytest.mark.parametrize(
    "password",
    ["Courte1!", "sansmajuscule12!", "SANSMINUSCULE12!", "SansChiffre!!!x", "SansSpecial12"],
)
def test_weak_passwords_are_refused_with_what_they_lack(password):
    problems = password_problems(password)
    assert problems and all(isinstance(p, str) for p in problems)


@pytest.mark.parametrize(
    "password", ["Accueil-Denain-2026", "MotDePasseLong2026", "Élise+Café=1234"]
)
def test_strong_passwords_are_accepted(password):
    assert password_problems(password) == []


def test_the_login_inside_the_password_is_refused():
    assert "ne pas contenir l’identifiant" in password_problems("Marie.Dupont-2026", "marie.dupont")


def test_huge_and_invisible_passwords_get_a_clear_message():
    assert "256" in password_problems("Aa1!" * 25_000)[0]
    assert "invisible" in password_problems("Accueil-2026\x00x")[0]


def test_hashes_are_argon2id_in_phc_form_with_at_least_the_owasp_parameters():
    stored = hash_password("Accueil-Denain-2026")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "Accueil-Denain-2026" not in stored
    assert verify_password(stored, "Accueil-Denain-2026")
    assert not verify_password(stored, "accueil-denain-2026")
    assert not verify_password("pas un hachage", "Accueil-Denain-2026")


def test_weaker_stored_hashes_are_flagged_for_rehash():
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("x")
    assert needs_rehash(weak)
    assert not needs_rehash(hash_password("x"))


def test_the_same_password_typed_in_another_unicode_form_still_matches():
    stored = hash_password("Cafe\u0301-Denain-2026")  # e + combining accent
    assert verify_password(stored, "Caf\u00e9-Denain-2026")
