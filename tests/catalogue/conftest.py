"""Shared fixtures for the catalogue tests: the demo catalogue, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.catalogue.search import SearchIndex

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "catalogue"


@pytest.fixture(scope="session")
def demo() -> Catalogue:
    """The demo catalogue under fixtures/catalogue."""
    return load_catalogue(DEMO)


@pytest.fixture(scope="session")
def index(demo: Catalogue) -> SearchIndex:
    """A search index over the demo catalogue."""
    return SearchIndex(demo)
