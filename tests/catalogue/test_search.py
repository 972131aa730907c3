"""Searching services as the mediator types, in three languages."""

from __future__ import annotations

import pytest

from sync.catalogue.model import Catalogue
from sync.catalogue.search import SearchIndex, close_words, one_edit_apart, words
from sync.catalogue.synthetic import synthetic_catalogue


def ids(index: SearchIndex, query: str, lang: object = "pt", limit: int = 20) -> list[str]:
    return [hit.service.id for hit in index.search(query, lang, limit)]  # type: ignore[arg-type]


def test_words_are_folded_without_accents_or_case() -> None:
    assert words("Certidão de ÓBITO, pensão") == ["certidao", "de", "obito", "pensao"]


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("subsídio de desemprego", "pt", "social-security.unemployment-benefit"),
        ("unemployment benefit", "en", "social-security.unemployment-benefit"),
        ("prestación por desempleo", "es", "social-security.unemployment-benefit"),
        ("registo de nascimento", "pt", "civil-registry.birth-registration"),
        ("register a birth", "en", "civil-registry.birth-registration"),
        ("inscripción de nacimiento", "es", "civil-registry.birth-registration"),
        ("cartão europeu", "pt", "health.european-card"),
        ("income tax return", "en", "tax.income-return"),
    ],
)
def test_a_service_is_found_by_its_name_in_each_language(
    index: SearchIndex, query: str, lang: str, expected: str
) -> None:
    assert ids(index, query, lang)[0] == expected


@pytest.mark.parametrize(
    ("query", "lang"),
    [("change of address", "en"), ("mudança de morada", "pt"), ("cambio de domicilio", "es")],
)
def test_a_change_of_address_lists_the_town_register_with_the_agencies(
    index: SearchIndex, query: str, lang: str
) -> None:
    # Registering at the town hall is the first change of address a move asks for.
    found = ids(index, query, lang)
    assert "municipality.residence-registration" in found
    assert {"social-security.change-of-address", "tax.change-of-address"} <= set(found)


def test_accents_and_case_do_not_matter(index: SearchIndex) -> None:
    assert ids(index, "OBITO") == ids(index, "óbito")
    assert "civil-registry.death-registration" in ids(index, "obito")
    assert ids(index, "pension de jubilacion", "es")[0] == "social-security.old-age-pension"


def test_the_word_being_typed_matches_as_a_prefix(index: SearchIndex) -> None:
    for typed in ("desemp", "desempr", "desempre", "desemprego"):
        assert "social-security.unemployment-benefit" in ids(index, typed)
    assert ids(index, "subsídio de desemp")[0] == "social-security.unemployment-benefit"


def test_a_finished_word_matches_exactly_first(index: SearchIndex) -> None:
    # "casa " is finished: services naming "casa" rank above those with "casamento"
    top = index.search("casa ", "pt")[0]
    assert "casa" in words(top.service.name.pt + " " + " ".join(top.service.keywords.pt))


def test_every_word_must_match(index: SearchIndex) -> None:
    assert ids(index, "bebé morada") == ids(index, "morada bebé")
    assert ids(index, "desemprego zzzz") == []
    assert ids(index, "") == []
    assert ids(index, "   ") == []


def test_keywords_agencies_and_circumstances_are_searched(index: SearchIndex) -> None:
    assert "tax.tax-number" in ids(index, "NIF")
    hits = index.search("SNS", "pt", 50)
    assert hits and all(hit.service.agency_id == "health" for hit in hits)
    assert {hit.matched_in for hit in hits} >= {"agency"}
    baby = ids(index, "having a baby", "en", 50)
    assert {"health.newborn-registration", "social-security.child-benefit"} <= set(baby)


def test_a_name_match_ranks_above_a_summary_match(index: SearchIndex) -> None:
    hits = index.search("reforma", "pt", 50)
    places = [hit.matched_in for hit in hits]
    assert places[0] in ("name", "keyword")
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_the_operator_and_citizen_languages_both_match(index: SearchIndex) -> None:
    assert ids(index, "paro", "pt") == []
    both = ids(index, "paro", ("pt", "es"))
    assert "social-security.unemployment-benefit" in both


def test_the_limit(index: SearchIndex) -> None:
    assert len(index.search("a", "pt", 5)) == 5


def test_by_circumstance(index: SearchIndex, demo: Catalogue) -> None:
    services = index.by_circumstance("moving-house")
    assert {"tax.change-of-address", "health.change-health-centre"} <= {s.id for s in services}
    assert index.by_circumstance("no-such-circumstance") == []


def test_a_synthetic_catalogue_of_5000_services_builds_and_searches() -> None:
    catalogue = synthetic_catalogue(5000, seed=7)
    assert len(catalogue.services) == 5000
    index = SearchIndex(catalogue)
    service = catalogue.service("agency-3.service-103")
    for lang in ("pt", "en", "es"):
        name = service.name.get(lang)
        assert service.id in ids(index, name, lang, 50)
        assert service.id in ids(index, name[: len(name) - 1], lang, 5000)
        word = max(words(name), key=len)  # one letter missing, across 5000 services
        assert service.id in ids(index, f"{word[:2]}{word[3:]} ", lang, 5000)
    assert synthetic_catalogue(50, seed=7) == synthetic_catalogue(50, seed=7)


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("adress", "address", True),  # a letter missing
        ("addresss", "address", True),  # a letter too many
        ("addrass", "address", True),  # a letter changed
        ("adrdess", "address", True),  # two neighbours swapped
        ("address", "address", False),  # the same word
        ("adrs", "address", False),  # three letters missing
        ("adrdsse", "address", False),  # two pairs swapped
        ("xddresz", "address", False),  # two letters changed
    ],
)
def test_one_edit_apart(a: str, b: str, apart: bool) -> None:
    assert one_edit_apart(a, b) is apart
    assert one_edit_apart(b, a) is apart


def test_close_words_finds_a_typo_anywhere_in_the_word() -> None:
    vocabulary = sorted(["address", "adverse", "dresser", "addressee", "madness"])
    backwards = sorted(word[::-1] for word in vocabulary)
    for typo in ("adress", "addrses", "sddress", "addresz"):
        assert close_words(typo, vocabulary, backwards, prefix=False) == ["address"]
    # still being typed: a word one edit away, or the beginning of one
    assert sorted(close_words("adres", vocabulary, backwards, prefix=True)) == [
        "address",
        "addressee",
    ]


def test_a_typo_finds_what_the_word_would(index: SearchIndex) -> None:
    exact = ids(index, "address change ", "en")
    assert exact
    assert ids(index, "adress change ", "en") == exact
    assert ids(index, "address chnage", "en") == exact  # the word being typed, too
    assert all(hit.close for hit in index.search("adress", "en"))
    assert not any(hit.close for hit in index.search("address", "en"))


def test_a_short_or_far_word_is_not_taken_for_a_typo(index: SearchIndex) -> None:
    assert ids(index, "xyzzyq", "en") == []
    assert ids(index, "tx", "en") == []  # too short to guess
