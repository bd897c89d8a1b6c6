"""Eligibility criteria of the catalogue, in plain French."""

from __future__ import annotations

from typing import Any

from acsrv_desktop.core.catalogue.vocabularies import GENDERS, RESIDENCES, Vocabularies


def age_range_text(age_min: int | None, age_max: int | None) -> str | None:
    if age_min is not None and age_max is not None:
        return f"{age_min}–{age_max} ans"
    if age_min is not None:
        return f"{age_min} ans et plus"
    if age_max is not None:
        return f"jusqu’à {age_max} ans"
    return None


def _situations(codes: list[str], vocab: Vocabularies) -> list[str]:
    return [vocab.situations[c].label if c in vocab.situations else c for c in codes]


def describe_eligibility(eligibility: dict[str, Any], vocab: Vocabularies) -> list[str]:
    """One French line per criterion; an empty list means "ouvert à tous"."""
    lines: list[str] = []
    ages = age_range_text(eligibility.get("age_min"), eligibility.get("age_max"))
    if ages:
        lines.append(f"Âge : {ages}")
    genders = eligibility.get("genders")
    if genders:
        labels = [GENDERS.get(g, g) for g in genders]
        lines.append(
            "Réservé aux femmes" if labels == ["femme"] else "Réservé : " + ", ".join(labels)
        )
    if eligibility.get("requires_all"):
        lines.append(
            "Situation requise : " + ", ".join(_situations(eligibility["requires_all"], vocab))
        )
    if eligibility.get("requires_any"):
        lines.append(
            "Au moins une de ces situations : "
            + ", ".join(_situations(eligibility["requires_any"], vocab))
        )
    if eligibility.get("residence"):
        residence = RESIDENCES[eligibility["residence"]]
        lines.append(residence[0].upper() + residence[1:])
    if eligibility.get("sectors"):
        lines.append(
            "Secteurs : " + ", ".join(vocab.sectors.get(s, s) for s in eligibility["sectors"])
        )
    if eligibility.get("preferred"):
        lines.append(
            "Convient particulièrement : " + ", ".join(_situations(eligibility["preferred"], vocab))
        )
    return lines
