"""Finding services as the mediator types: an index of word postings built once.

Words are folded (NFKD, accents dropped, case-folded); the last word of a query is
matched as a prefix because it is still being typed. Every word must match
somewhere in a service; a match in the name ranks above a keyword, a keyword above
the agency or a circumstance, and those above the summary.

A word of ``FUZZY_MIN`` letters or more that matches nothing is taken for a typo: it
matches the words one edit away (a letter wrong, missing or extra, or two letters
swapped; for the word being typed, the beginnings of words one edit away) at half
weight, and the hits say so (``ServiceHit.close``).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sync.catalogue.model import LANGS, Catalogue, Lang, Service
from sync.catalogue.validate import fold

MatchedIn = Literal["name", "keyword", "agency", "circumstance", "summary"]
"""Where the best match of a search hit was found."""

WEIGHTS: dict[MatchedIn, int] = {
    "name": 16,
    "keyword": 8,
    "agency": 4,
    "circumstance": 4,
    "summary": 2,
}
"""How much a word matched in each place counts; a prefix match of a finished word
counts half."""

STOPWORDS: dict[Lang, frozenset[str]] = {
    "pt": frozenset(
        [
            "a",
            "o",
            "as",
            "os",
            "de",
            "da",
            "do",
            "das",
            "dos",
            "e",
            "em",
            "no",
            "na",
            "nos",
            "nas",
            "um",
            "uma",
            "para",
            "por",
            "com",
            "ao",
        ]
    ),
    "en": frozenset(
        [
            "a",
            "an",
            "the",
            "of",
            "and",
            "to",
            "for",
            "in",
            "on",
            "my",
            "your",
            "with",
            "at",
            "by",
            "or",
        ]
    ),
    "es": frozenset(
        [
            "a",
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "un",
            "una",
            "para",
            "por",
            "con",
            "al",
            "mi",
            "su",
        ]
    ),
}
"""Words too common to narrow a search; dropped unless they are being typed."""

SHORT_PREFIX = 2
"""Prefixes up to this length have their postings merged ahead of time."""

_WORDS_PER_SERVICE = 40
"""About how many words one service holds in one language (to pick a match plan)."""

FUZZY_MIN = 5
"""The shortest word tried for a typo: shorter ones are one edit from too many words."""

_WORD = re.compile(r"[^\W_]+")


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter changed, added or removed, or two
    neighbouring letters swapped (the same word is not one edit apart)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):  # one letter more in b
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:  # one letter changed
        return True
    return (  # two neighbours swapped
        start + 1 < len(a)
        and a[start] == b[start + 1]
        and a[start + 1] == b[start]
        and a[start + 2 :] == b[start + 2 :]
    )


def close_words(
    typed: str, vocabulary: Sequence[str], reversed_vocabulary: Sequence[str], *, prefix: bool
) -> list[str]:
    """The words of ``vocabulary`` one edit from ``typed`` (or, with ``prefix``, those
    that begin with a word one edit from it).

    Fast on a large vocabulary: one edit leaves either the first half of ``typed``
    (``typed[:half]``) or its end (``typed[half + 1:]``) as it is, so only the words
    that start with the one (a range of the sorted vocabulary) or end with the other
    (a range of the sorted reversed words) are compared. A word being typed may be
    whole already; if it is not, only the words it starts like are found, by its
    first half.

    Args:
        typed: A folded word that matched nothing.
        vocabulary: Every folded word, sorted.
        reversed_vocabulary: Every folded word spelled backwards, sorted.
        prefix: ``typed`` is still being typed.
    """
    half = len(typed) // 2
    found: dict[str, None] = {}
    for word in _starting(vocabulary, typed[:half]):
        if one_edit_apart(typed, word) or (
            prefix
            and any(
                one_edit_apart(typed, word[:end])
                for end in (len(typed) - 1, len(typed), len(typed) + 1)
                if end < len(word)
            )
        ):
            found[word] = None
    for backwards in _starting(reversed_vocabulary, typed[half + 1 :][::-1]):
        word = backwards[::-1]
        if one_edit_apart(typed, word):
            found[word] = None
    return list(found)


def _starting(sorted_words: Sequence[str], prefix: str) -> Iterable[str]:
    """The words of ``sorted_words`` that start with ``prefix``."""
    for position in range(bisect.bisect_left(sorted_words, prefix), len(sorted_words)):
        word = sorted_words[position]
        if not word.startswith(prefix):
            return
        yield word


def words(text: str) -> list[str]:
    """The folded words of ``text``: accent- and case-free, split on anything else."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class ServiceHit:
    """One search result: the service, its score and where it matched best."""

    service: Service
    score: int
    matched_in: MatchedIn
    close: bool = False
    """A word of the query matched only as a typo of the service's words."""


# A posting: service index -> (weight, place) for the best place a word occurs in.
_Postings = dict[int, tuple[int, MatchedIn]]


class _LangIndex:
    """The postings of one language, with the sorted vocabulary for prefix look-ups.

    Short prefixes (the first keystrokes) cover thousands of words, so their merged
    postings are computed once when the index is sealed; longer prefixes are merged
    on demand and cached, or, when earlier words of the query already narrowed the
    candidates, checked against each candidate's own words.
    """

    def __init__(self) -> None:
        self.postings: dict[str, _Postings] = {}
        self.words_of: dict[int, dict[str, tuple[int, MatchedIn]]] = {}
        self.vocabulary: list[str] = []
        self.backwards: list[str] = []
        self.short: dict[str, _Postings] = {}
        self.prefixed = lru_cache(maxsize=1024)(self._prefixed)

    def add(self, word: str, service: int, place: MatchedIn) -> None:
        postings = self.postings.setdefault(word, {})
        weight = WEIGHTS[place]
        if postings.get(service, (0, place))[0] < weight:
            postings[service] = (weight, place)
            self.words_of.setdefault(service, {})[word] = (weight, place)

    def seal(self) -> None:
        self.vocabulary = sorted(self.postings)
        self.backwards = sorted(word[::-1] for word in self.vocabulary)
        self.short = {}
        for word in self.vocabulary:
            for length in range(1, min(SHORT_PREFIX, len(word)) + 1):
                merged = self.short.setdefault(word[:length], {})
                for service, hit in self.postings[word].items():
                    if merged.get(service, (0,))[0] < hit[0]:
                        merged[service] = hit
        self.prefixed.cache_clear()

    def exact(self, word: str) -> _Postings:
        return self.postings.get(word, {})

    def span(self, prefix: str) -> int:
        """How many words of the vocabulary start with ``prefix``."""
        start = bisect.bisect_left(self.vocabulary, prefix)
        return bisect.bisect_left(self.vocabulary, prefix + "\U0010ffff", lo=start) - start

    def _prefixed(self, prefix: str) -> _Postings:
        """Best posting per service over every word starting with ``prefix``."""
        if len(prefix) <= SHORT_PREFIX:
            return self.short.get(prefix, {})
        start = bisect.bisect_left(self.vocabulary, prefix)
        merged: _Postings = {}
        for word in self.vocabulary[start:]:
            if not word.startswith(prefix):
                break
            for service, hit in self.postings[word].items():
                if merged.get(service, (0,))[0] < hit[0]:
                    merged[service] = hit
        return merged if merged is not None else {}

    def close(self, word: str, prefix: bool) -> _Postings:
        """Best posting per service over the words one edit from ``word``, at half weight."""
        merged: _Postings = {}
        for near in close_words(word, self.vocabulary, self.backwards, prefix=prefix):
            for service, (weight, place) in self.postings[near].items():
                if merged.get(service, (0,))[0] < weight // 2:
                    merged[service] = (weight // 2, place)
        return merged

    def prefixed_among(self, prefix: str, candidates: Iterable[int]) -> _Postings:
        """Like ``prefixed`` but only for ``candidates``, by scanning their own words."""
        found: _Postings = {}
        for service in candidates:
            for word, hit in self.words_of.get(service, {}).items():
                if word.startswith(prefix) and found.get(service, (0,))[0] < hit[0]:
                    found[service] = hit
        return found


class SearchIndex:
    """Search over a catalogue's services; build once, query on every keystroke."""

    def __init__(self, catalogue: Catalogue) -> None:
        """Index every service's texts in every language.

        Args:
            catalogue: The loaded catalogue.
        """
        self.catalogue = catalogue
        self._services: tuple[Service, ...] = tuple(catalogue.services.values())
        self._langs: dict[Lang, _LangIndex] = {lang: _LangIndex() for lang in LANGS}
        self._sort_names: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
        for number, service in enumerate(self._services):
            agency = catalogue.agencies[service.agency_id]
            for lang in LANGS:
                index = self._langs[lang]
                places: list[tuple[MatchedIn, Iterable[str]]] = [
                    ("summary", [service.summary.get(lang)]),
                    ("agency", [agency.name.get(lang), agency.short.get(lang)]),
                    (
                        "circumstance",
                        [catalogue.circumstances[c].name.get(lang) for c in service.circumstances],
                    ),
                    ("keyword", service.keywords.get(lang)),
                    ("name", [service.name.get(lang)]),
                ]
                for place, texts in places:
                    for text in texts:
                        for word in words(text):
                            index.add(word, number, place)
                self._sort_names[lang].append(fold(service.name.get(lang)))
        for index in self._langs.values():
            index.seal()
        # Per language, each service's place in the order of folded names (then of
        # catalogue position), and the service at each place: ranking compares ints.
        self._name_rank: dict[Lang, list[int]] = {}
        self._by_rank: dict[Lang, list[int]] = {}
        for lang, names in self._sort_names.items():
            order = sorted(range(len(names)), key=lambda s: (names[s], s))
            rank = [0] * len(order)
            for position, number in enumerate(order):
                rank[number] = position
            self._name_rank[lang], self._by_rank[lang] = rank, order

    def search(
        self, query: str, lang: Lang | Sequence[Lang] = "pt", limit: int = 20
    ) -> list[ServiceHit]:
        """The services matching every word of ``query``, best first.

        Args:
            query: What was typed so far; the last word may be unfinished.
            lang: The language or languages to match in: the operator's and the
                citizen's. The first one orders equal scores by name.
            limit: The most hits to return.

        Returns:
            Up to ``limit`` hits, by score then by name; empty for a blank query.
        """
        langs: tuple[Lang, ...] = (lang,) if isinstance(lang, str) else tuple(lang)
        typed = words(query)
        finishing = not query[-1:].isspace() if query else False
        if not typed or not langs:
            return []
        terms = [
            (word, finishing and position == len(typed) - 1) for position, word in enumerate(typed)
        ]
        stop = frozenset().union(*(STOPWORDS[code] for code in langs))
        kept = [(word, prefix) for word, prefix in terms if prefix or word not in stop]
        terms = kept or terms
        total: dict[int, int] = {}
        best: dict[int, tuple[int, MatchedIn]] = {}
        close = False
        for position, (word, prefix) in enumerate(terms):
            if position == 0:
                # Thousands of services for the first keystrokes: built by dict
                # operations, not one service at a time.
                best = self._match(word, prefix, langs, None)
                if not best and len(word) >= FUZZY_MIN:
                    best, close = self._close(word, prefix, langs, None), True
                total = {service: weight for service, (weight, _) in best.items()}
                if not total:
                    return []
                continue
            candidates = self._match(word, prefix, langs, total)
            if not candidates and len(word) >= FUZZY_MIN:
                candidates, close = self._close(word, prefix, langs, total), True
            next_total: dict[int, int] = {}
            for service, (weight, place) in candidates.items():
                next_total[service] = total.get(service, 0) + weight
                if best.get(service, (0,))[0] < weight:
                    best[service] = (weight, place)
            total = next_total
            if not total:
                return []
        # Score first, then name: one int per service, ``place - score * count``
        # (the place in name order is below ``count``, so it only breaks ties).
        rank, by_rank, count = (
            self._name_rank[langs[0]],
            self._by_rank[langs[0]],
            len(self._services),
        )
        keys = heapq.nsmallest(limit, [rank[s] - score * count for s, score in total.items()])
        ranked = [by_rank[key % count] for key in keys]
        return [ServiceHit(self._services[s], total[s], best[s][1], close) for s in ranked]

    def _close(
        self, word: str, prefix: bool, langs: tuple[Lang, ...], among: Mapping[int, object] | None
    ) -> _Postings:
        """Like ``_match`` for a word that matched nothing: its typos' postings."""
        merged: _Postings = {}
        for code in langs:
            for service, hit in self._langs[code].close(word, prefix).items():
                if (among is None or service in among) and merged.get(service, (0,))[0] < hit[0]:
                    merged[service] = hit
        return merged

    def _match(
        self, word: str, prefix: bool, langs: tuple[Lang, ...], among: Mapping[int, object] | None
    ) -> _Postings:
        """Best posting per service for one query word over the given languages.

        ``among`` holds the services the earlier words matched (None for the first word).
        """
        merged: _Postings | None = None
        for code in langs:
            index = self._langs[code]
            scan = among is not None and (
                len(word) > SHORT_PREFIX and len(among) * _WORDS_PER_SERVICE < index.span(word) * 4
            )
            if scan and among is not None:
                started = index.prefixed_among(word, among)
            else:
                started = index.prefixed(word)
            exact = {} if prefix else index.exact(word)
            if merged is None and among is None:  # the first language of the first word
                if prefix:
                    merged = dict(started)
                else:
                    # a finished word matches longer words at half weight ("licenc" ~ "licenca")
                    merged = {s: (w // 2, place) for s, (w, place) in started.items()}
                    merged.update(exact)
                continue
            if merged is None:
                merged = {}
            # Walk the smaller side: the few services earlier words left, or this
            # word's postings (a short prefix has thousands). The exact postings are a
            # subset of the prefixed ones wherever they can pass the ``among`` test.
            smaller = among is not None and len(among) < len(started)
            pool: Iterable[int] = among if among is not None and smaller else started
            for service in pool:
                hit = exact.get(service)
                if hit is None:
                    found = started.get(service)
                    if found is None:
                        continue
                    hit = found if prefix else (found[0] // 2, found[1])
                if (among is None or service in among) and merged.get(service, (0,))[0] < hit[0]:
                    merged[service] = hit
        return merged if merged is not None else {}

    def clear_caches(self) -> None:
        """Forget the cached prefix postings (for benchmarks that want cold look-ups)."""
        for index in self._langs.values():
            index.prefixed.cache_clear()

    def by_circumstance(self, circumstance_id: str) -> list[Service]:
        """The services grouped under a life circumstance, its core services first."""
        return list(self.catalogue.services_for_circumstance(circumstance_id))
