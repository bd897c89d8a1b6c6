"""Search over the catalogue that forgives accents, case, punctuation, typos and partial words.

An in-memory inverted index, built once from the catalogue (a few dozen to a few thousand
entries) and queried on every keystroke. Each query word must be found in the entry, exactly,
as the beginning of a word (typing in progress), or within one or two typos; words written
together or apart both match ("citeslab", "Cités Lab"). Matches in the name weigh more than
matches in the description.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from acsrv_desktop.core.text import words

# How much a match in each part of an entry counts.
FIELD_WEIGHTS = {
    "name": 10.0,
    "keywords": 6.0,
    "synonyms": 6.0,
    "contacts": 5.0,
    "parent": 2.0,
    "themes": 3.0,
    "publics": 3.0,
    "summary": 2.0,
    "description": 1.0,
}
# Words that carry no meaning on their own in French: neither indexed nor required in a query
# (so that "elles" in a description does not pass for a typo of "Z'elles").
STOP_WORDS = frozenset(
    """a au aux avec c ce celle celles celui ces cette ceux d dans de des du elle elles en est et
    il ils je l la le les leur leurs lui mais n ne nos notre nous on ou par pas pour qu que qui
    s sa se ses son sont sur ta te tes ton tu un une vos votre vous y""".split()
)


@dataclass(frozen=True)
class SearchDocument:
    """What the index knows of one entry: its texts by field, and its filter values."""

    id: str
    fields: dict[str, str]
    themes: frozenset[str] = frozenset()
    publics: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    position: int = 0


@dataclass(frozen=True)
class SearchHit:
    id: str
    score: float
    matched: tuple[str, ...] = ()  # the fields where the query was found


# Fields whose words are also indexed two by two written together ("Cités Lab" -> "citeslab"):
# names are where people write words together or apart; long texts would only add noise.
JOINED_FIELDS = frozenset({"name", "keywords", "contacts", "parent"})


def _index_words(text: str, *, joined: bool) -> set[str]:
    """Words of ``text``, and with ``joined`` each pair written together."""
    tokens = words(text)
    result = set(tokens) - STOP_WORDS
    if joined:
        result |= {a + b for a, b in zip(tokens, tokens[1:], strict=False) if a not in STOP_WORDS}
    return result


def _max_typos(word: str) -> int:
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 6 else 2


@dataclass
class CatalogueIndex:
    documents: dict[str, SearchDocument]
    # word -> [(document id, field)]
    postings: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, documents: Iterable[SearchDocument]) -> CatalogueIndex:
        by_id = {doc.id: doc for doc in documents}
        postings: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for doc in by_id.values():
            for field_name, text in doc.fields.items():
                for word in _index_words(text, joined=field_name in JOINED_FIELDS):
                    postings[word].add((doc.id, field_name))
        index = cls(by_id, {w: sorted(p) for w, p in postings.items()}, sorted(postings))
        index._word_matches = lru_cache(maxsize=4096)(index._compute_word_matches)  # type: ignore[method-assign]
        return index

    # -- matching one query word against the vocabulary ------------------------------------

    def _word_matches(self, word: str, partial: bool) -> tuple[tuple[str, float], ...]:
        # Replaced by a cached version in build(): typing repeats the same words.
        return self._compute_word_matches(word, partial)

    def _compute_word_matches(self, word: str, partial: bool) -> tuple[tuple[str, float], ...]:
        """Vocabulary words matching ``word``, each with a quality between 0 and 1.

        Typos are guessed only when the word, as typed, is neither a word of the catalogue
        nor the beginning of one: "condé" then finds Condé, not "Connect" with a typo.
        """
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if partial or len(word) >= 3:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start:]:
                if not candidate.startswith(word):
                    break
                if candidate != word:
                    found.setdefault(candidate, 0.75 + 0.2 * len(word) / len(candidate))
        if found:
            return tuple(found.items())
        if len(word) == 3:
            # A word of four letters typed with one dropped ("zro" for "zéro").
            for candidate in self._dropped_letter().get(word, ()):
                found.setdefault(candidate, 0.5)
        typos = _max_typos(word)
        if not typos:
            return tuple(found.items())
        for candidate, distance, _ in process.extract(
            word, self.vocabulary, scorer=OSA.distance, score_cutoff=typos, limit=None
        ):
            # Typos rarely hit the first letter of a short word; "zelles" is not "celles"
            # (the first two letters swapped still count: "ezro" is "zero").
            same_start = candidate[0] == word[0] or candidate[:2] == word[1::-1] or len(word) >= 8
            if same_start and abs(len(candidate) - len(word)) <= typos:
                found.setdefault(candidate, 0.65 - 0.15 * distance)
        if partial and len(word) >= 5:
            # A typo in a word still being typed: compare with the words' beginnings.
            beginnings = self._beginnings(len(word))
            for beginning, _, _ in process.extract(
                word, list(beginnings), scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                if beginning[0] == word[0]:
                    for candidate in beginnings[beginning]:
                        found.setdefault(candidate, 0.45)
        return tuple(found.items())

    def _dropped_letter(self) -> dict[str, list[str]]:
        """Four-letter vocabulary words by each way of dropping one of their letters but the
        first (computed once): "zero" under "zro", "zeo" and "zer"."""
        table = self.__dict__.get("_dropped_cache")
        if table is None:
            built: dict[str, list[str]] = defaultdict(list)
            for candidate in self.vocabulary:
                if len(candidate) == 4:
                    for position in range(1, 4):
                        built[candidate[:position] + candidate[position + 1 :]].append(candidate)
            table = self.__dict__["_dropped_cache"] = dict(built)
        return table

    def _beginnings(self, length: int) -> dict[str, list[str]]:
        """Longer vocabulary words by their first ``length`` letters (computed once a length)."""
        cache = self.__dict__.setdefault("_beginnings_cache", {})
        if length not in cache:
            table: dict[str, list[str]] = defaultdict(list)
            for candidate in self.vocabulary:
                if len(candidate) > length:
                    table[candidate[:length]].append(candidate)
            cache[length] = dict(table)
        return cache[length]

    # -- the query --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        theme: str | None = None,
        public: str | None = None,
        sector: str | None = None,
        limit: int | None = None,
    ) -> list[SearchHit]:
        candidates = [doc for doc in self.documents.values() if _passes(doc, theme, public, sector)]
        query_words = self._query_words(query)
        if query.strip() and not query_words:
            return []  # only symbols or emoji: nothing to look for
        if not query_words:
            hits = [SearchHit(doc.id, 0.0) for doc in sorted(candidates, key=lambda d: d.position)]
            return hits[:limit] if limit else hits
        allowed = {doc.id for doc in candidates}
        totals: dict[str, float] = defaultdict(float)
        matched_fields: dict[str, set[str]] = defaultdict(set)
        for position, word in enumerate(query_words):
            best = self._best_per_document(word, partial=position == len(query_words) - 1)
            if position == 0:
                alive = set(best) & allowed
            else:
                alive &= set(best)
            for doc_id in alive:
                score, field_name = best[doc_id]
                totals[doc_id] += score
                matched_fields[doc_id].add(field_name)
        hits = [
            SearchHit(doc_id, round(totals[doc_id], 3), tuple(sorted(matched_fields[doc_id])))
            for doc_id in alive
        ]
        hits.sort(key=lambda h: (-h.score, self.documents[h.id].position))
        return hits[:limit] if limit else hits

    def _query_words(self, query: str) -> list[str]:
        """The query's words, once each; two words written apart that the catalogue writes
        together ("z elles", "cites lab") are read as one."""
        tokens = words(query)
        merged: list[str] = []
        index = 0
        while index < len(tokens):
            pair = tokens[index] + tokens[index + 1] if index + 1 < len(tokens) else None
            if pair and pair in self.postings:
                merged.append(pair)
                index += 2
            else:
                merged.append(tokens[index])
                index += 1
        meaningful = [w for w in merged if w not in STOP_WORDS] or merged
        return list(dict.fromkeys(meaningful))

    def _best_per_document(self, word: str, *, partial: bool) -> dict[str, tuple[float, str]]:
        best: dict[str, tuple[float, str]] = {}
        for candidate, quality in self._word_matches(word, partial):
            for doc_id, field_name in self.postings[candidate]:
                score = quality * FIELD_WEIGHTS.get(field_name, 1.0)
                if doc_id not in best or score > best[doc_id][0]:
                    best[doc_id] = (score, field_name)
        return best


def _passes(doc: SearchDocument, theme: str | None, public: str | None, sector: str | None) -> bool:
    if theme and not any(t == theme or t.startswith(theme + "--") for t in doc.themes):
        return False
    if public and public not in doc.publics:
        return False
    return not (sector and doc.sectors and sector not in doc.sectors)
