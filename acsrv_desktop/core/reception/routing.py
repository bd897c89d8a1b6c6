"""Suggesting the programmes that fit a person, from the catalogue's eligibility data.

Nothing here names a programme: every rule comes from the entries' ``eligibility`` and
``thematiques``. A criterion that cannot be checked (age or commune unknown) does not exclude
the programme: it is listed as "à vérifier".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from acsrv_desktop.core.catalogue.eligibility import age_range_text
from acsrv_desktop.core.catalogue.service import ContactView, EntryView
from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.reception.communes import Communes
from acsrv_desktop.core.reception.profile import BRACKET_RANGES, VisitorInput, age_on

ROUTABLE_KINDS = ("programme", "action", "module", "service")
GENDER_PUBLICS = {"femme": "femmes"}

# Weights of the ranking (eligible entries always come before the others).
NEED_EXACT, NEED_RELATED = 10.0, 6.0
CRITERION_MET = 4.0  # a programme aimed at the person's situation beats one open to all
FOCUS = 3.0
TO_CHECK = -2.0  # what cannot be checked yet ranks below what is certain
PREFERRED_MET = 3.0
PUBLIC_MET = 2.0
KIND_BONUS = {"programme": 1.0, "action": 1.0, "module": 0.5, "service": 0.0}


@dataclass(frozen=True)
class Person:
    age: int | None = None
    age_range: tuple[int, int] | None = None  # when only a bracket is known
    gender: str | None = None  # femme, homme, autre (None: not said)
    commune: str | None = None
    situations: frozenset[str] = frozenset()
    needs: tuple[str, ...] = ()


def person_of(profile: VisitorInput | None, needs: tuple[str, ...], day: date) -> Person:
    """What routing knows of a person from the profile typed (None: an anonymous visit): the
    age in ``day``'s year from the birth year (none while it gives no possible age), else the
    range of the bracket chosen (a birth year typed overrides the bracket, as when saved)."""
    if profile is None:
        return Person(needs=needs)
    by_bracket = not profile.birth_year
    return Person(
        age=age_on(profile.birth_year, day),
        age_range=BRACKET_RANGES.get(profile.age_bracket or "") if by_bracket else None,
        gender=profile.gender,
        commune=profile.commune,
        situations=frozenset(profile.situations),
        needs=needs,
    )


@dataclass
class Suggestion:
    entry: EntryView
    eligible: bool
    score: float
    reasons: list[str] = field(default_factory=list)  # why it fits, in French
    blockers: list[str] = field(default_factory=list)  # why not, in French
    to_check: list[str] = field(default_factory=list)  # what staff should check

    @property
    def contact(self) -> ContactView | None:
        return self.entry.contacts[0] if self.entry.contacts else None

    def as_json(self) -> dict[str, Any]:
        contact = self.contact
        return {
            "id": self.entry.id,
            "name": self.entry.name,
            "kind": self.entry.kind,
            "score": round(self.score, 2),
            "eligible": self.eligible,
            "reasons": self.reasons if self.eligible else self.blockers,
            "to_check": self.to_check,
            "contact": {
                "name": contact.name if contact else None,
                "phone": contact.phone if contact else None,
                "email": contact.email if contact else None,
            },
        }


@dataclass
class _Evaluation:
    reasons: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    criteria_met: int = 0


def _situation_label(code: str, vocab: Vocabularies) -> str:
    situation = vocab.situations.get(code)
    return situation.label if situation else code


def _check_age(rules: dict[str, Any], person: Person, result: _Evaluation) -> None:
    low, high = rules.get("age_min"), rules.get("age_max")
    text = age_range_text(low, high)
    if text is None:
        return
    if person.age is not None:
        if (low is None or person.age >= low) and (high is None or person.age <= high):
            result.reasons.append(text)
            result.criteria_met += 1
        else:
            result.blockers.append(f"réservé aux {text} ({person.age} ans)")
        return
    if person.age_range is not None:
        bracket_low, bracket_high = person.age_range
        if (high is not None and bracket_low > high) or (low is not None and bracket_high < low):
            result.blockers.append(f"réservé aux {text}")
            return
        if (low is None or bracket_low >= low) and (high is None or bracket_high <= high):
            result.reasons.append(text)
            result.criteria_met += 1
            return
    result.to_check.append(f"âge à vérifier ({text})")


def _check_gender(rules: dict[str, Any], person: Person, result: _Evaluation) -> None:
    genders = rules.get("genders")
    if not genders:
        return
    wording = "réservé aux femmes" if genders == ["femme"] else "réservé : " + ", ".join(genders)
    if person.gender in genders:
        result.reasons.append(wording)
        result.criteria_met += 1
    elif person.gender in (None, "autre"):
        result.to_check.append(wording)
    else:
        result.blockers.append(wording)


def _check_situations(
    rules: dict[str, Any], person: Person, vocab: Vocabularies, result: _Evaluation
) -> None:
    has = vocab.expand_situations(set(person.situations))
    for code in rules.get("requires_all", []):
        label = _situation_label(code, vocab)
        if code in has:
            result.reasons.append(label)
            result.criteria_met += 1
        else:
            result.blockers.append(f"réservé aux personnes : {label}")
    wanted = rules.get("requires_any", [])
    if wanted:
        matched = [c for c in wanted if c in has]
        labels = ", ".join(_situation_label(c, vocab) for c in wanted)
        if matched:
            result.reasons.append(", ".join(_situation_label(c, vocab) for c in matched))
            result.criteria_met += 1
        else:
            result.blockers.append(f"réservé à l’une de ces situations : {labels}")


def _check_place(
    rules: dict[str, Any],
    person: Person,
    communes: Communes,
    vocab: Vocabularies,
    result: _Evaluation,
) -> None:
    if rules.get("residence") == "arrondissement":
        inside = communes.in_arrondissement(person.commune)
        if inside is None:
            result.to_check.append("résidence dans l’arrondissement de Valenciennes à vérifier")
        elif inside:
            result.reasons.append(f"réside à {communes.canonical(person.commune or '')}")
            result.criteria_met += 1
        else:
            result.blockers.append("réservé aux habitants de l’arrondissement de Valenciennes")
    sectors = rules.get("sectors")
    sector = communes.sector_of(person.commune)
    if sectors and sector and sector not in sectors:
        names = ", ".join(vocab.sectors.get(s, s) for s in sectors)
        result.blockers.append(f"a lieu dans les secteurs : {names}")


def evaluate(
    entry: EntryView, person: Person, vocab: Vocabularies, communes: Communes
) -> Suggestion:
    rules = entry.eligibility
    result = _Evaluation()
    _check_age(rules, person, result)
    _check_gender(rules, person, result)
    _check_situations(rules, person, vocab, result)
    _check_place(rules, person, communes, vocab, result)
    score = CRITERION_MET * result.criteria_met + KIND_BONUS.get(entry.kind, 0.0)
    has = vocab.expand_situations(set(person.situations))
    preferred = [c for c in rules.get("preferred", []) if c in has]
    if preferred:
        score += PREFERRED_MET * len(preferred)
        labels = ", ".join(_situation_label(c, vocab) for c in preferred)
        result.reasons.append(f"convient particulièrement : {labels}")
    score += TO_CHECK * len(result.to_check)
    score += _need_score(entry, person.needs, vocab, result)
    score += _public_score(entry, person)
    return Suggestion(
        entry=entry,
        eligible=not result.blockers,
        score=score,
        reasons=result.reasons,
        blockers=result.blockers,
        to_check=result.to_check,
    )


def _need_score(
    entry: EntryView, needs: tuple[str, ...], vocab: Vocabularies, result: _Evaluation
) -> float:
    score = 0.0
    themes = entry.thematiques
    for need in needs:
        # Exact: the theme itself or one of its sub-themes; related: the same category.
        exact = need in themes or any(t.startswith(need + "--") for t in themes)
        category = need.split("--")[0]
        related = not exact and any(t.split("--")[0] == category for t in themes)
        if exact or related:
            score += NEED_EXACT if exact else NEED_RELATED
            result.reasons.append(f"répond au besoin : {vocab.thematique_label(need)}")
    if needs and themes:
        # Focus: an entry about the need only beats a broad one that also mentions it.
        categories = {n.split("--")[0] for n in needs}
        on_topic = sum(1 for t in themes if t.split("--")[0] in categories)
        score += FOCUS * on_topic / len(themes)
    return score


def _public_score(entry: EntryView, person: Person) -> float:
    score = 0.0
    if person.age is not None:
        if person.age <= 29 and "jeunes" in entry.publics:
            score += PUBLIC_MET
        if person.age >= 60 and "seniors" in entry.publics:
            score += PUBLIC_MET
    if person.gender in GENDER_PUBLICS and GENDER_PUBLICS[person.gender] in entry.publics:
        score += PUBLIC_MET
    return score


def route(
    person: Person, entries: list[EntryView], vocab: Vocabularies, communes: Communes
) -> list[Suggestion]:
    """Every active routable entry, eligible ones first, each list best first."""
    needs = tuple(vocab.canonical_thematique(n) or n for n in person.needs)
    person = Person(
        person.age, person.age_range, person.gender, person.commune, person.situations, needs
    )
    suggestions = [
        evaluate(entry, person, vocab, communes)
        for entry in entries
        if entry.active and entry.kind in ROUTABLE_KINDS
    ]
    suggestions.sort(key=lambda s: (not s.eligible, -s.score, s.entry.position))
    return suggestions
