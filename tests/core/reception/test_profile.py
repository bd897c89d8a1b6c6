"""The rules of a visitor's profile that the Accueil's form relies on: they live in core only
(the GUI shows the messages of ``FieldErrors``, it never judges a field itself)."""

from __future__ import annotations

from datetime import date

import pytest

from acsrv_desktop.core.reception.profile import (
    BIRTH_YEAR_DIGITS,
    FIRST_NAME_REQUIRED,
    FieldErrors,
    VisitorInput,
    age_on,
    check_typed_profile,
    typed_birth_year,
    validate_visitor,
)
from acsrv_desktop.core.reception.routing import Person, person_of
from acsrv_desktop.core.vocabulary import AgeBracket

DAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("typed", "year"),
    [("1987", 1987), (" 1987 ", 1987), ("", None), ("  ", None), ("19²", None), ("١٩٨٧", None)],
)
def test_the_birth_year_typed_is_ascii_digits_only(typed, year):
    assert typed_birth_year(typed) == year


def test_a_new_record_needs_a_first_name_or_a_birth_year():
    with pytest.raises(FieldErrors) as refused:
        check_typed_profile("  ", "", new_record=True)
    assert refused.value.errors == {"first_name": FIRST_NAME_REQUIRED}
    check_typed_profile("", "", new_record=False)  # a record picked, or an anonymous visit
    check_typed_profile("Zoé", "", new_record=True)
    # A birth year alone goes on to the full validation, which asks for the first name.
    check_typed_profile("", "1987", new_record=True)
    with pytest.raises(FieldErrors) as refused:
        validate_visitor(VisitorInput(birth_year=1987), DAY)
    assert refused.value.errors["first_name"] == FIRST_NAME_REQUIRED


@pytest.mark.parametrize("new_record", [True, False])
def test_a_birth_year_that_is_not_digits_is_refused_as_such(new_record):
    with pytest.raises(FieldErrors) as refused:
        check_typed_profile("Zoé", "19²", new_record=new_record)
    assert refused.value.errors == {"birth_year": BIRTH_YEAR_DIGITS}


@pytest.mark.parametrize(
    ("birth_year", "age"),
    [(2006, 20), (2026, 0), (1906, 120), (1905, None), (2027, None), (None, None), (2, None)],
)
def test_the_age_counts_the_year_and_only_a_possible_one(birth_year, age):
    assert age_on(birth_year, DAY) == age


def test_the_routing_person_of_a_profile():
    profile = VisitorInput(
        "Zoé", None, 2006, None, "femme", "Denain", ("qpv", "rsa"), commune_outside=False
    )
    assert person_of(profile, ("trouver-un-emploi",), DAY) == Person(
        age=20,
        gender="femme",
        commune="Denain",
        situations=frozenset({"qpv", "rsa"}),
        needs=("trouver-un-emploi",),
    )


def test_the_bracket_counts_only_without_a_birth_year():
    by_bracket = VisitorInput("Zoé", age_bracket=AgeBracket.FROM_55)
    assert person_of(by_bracket, (), DAY).age_range == (55, 120)
    # A birth year typed overrides the bracket left chosen, even one still half-typed.
    half_typed = VisitorInput("Zoé", birth_year=19, age_bracket=AgeBracket.FROM_55)
    assert person_of(half_typed, (), DAY) == Person()


def test_an_anonymous_visit_gives_routing_the_needs_only():
    assert person_of(None, ("se-former",), DAY) == Person(needs=("se-former",))
