"""Benchmark of catalogue search; prints build times and per-keystroke latency.

Builds a synthetic catalogue of N services, indexes it, then types queries one
character at a time (a service's name and one of its keywords, in a random
language, matched in that language and English) with cold prefix caches, and
prints p50, p95, p99 and the worst keystroke. Target: p95 well under 16 ms.

Usage: python bench/catalogue_search.py [--services N] [--queries Q] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.catalogue.model import LANGS
from sync.catalogue.search import SearchIndex
from sync.catalogue.synthetic import synthetic_catalogue


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    catalogue = synthetic_catalogue(args.services, args.seed)
    built = time.perf_counter()
    index = SearchIndex(catalogue)
    indexed = time.perf_counter()
    print(f"catalogue: {len(catalogue.services)} services, {len(catalogue.agencies)} agencies")
    print(f"build catalogue: {built - started:.2f} s; build index: {indexed - built:.2f} s")

    rng = random.Random(args.seed)
    services = list(catalogue.services.values())
    times: list[float] = []
    missed = 0
    for _ in range(args.queries):
        service = rng.choice(services)
        lang = rng.choice(LANGS)
        query = f"{service.name.get(lang)} {service.keywords.get(lang)[0]}"
        index.clear_caches()
        hits = []
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            hits = index.search(query[:end], (lang, "en"), 20)
            times.append(time.perf_counter() - start)
        missed += service not in [hit.service for hit in hits]
    times.sort()
    ms = [t * 1000 for t in times]
    print(
        f"keystrokes: {len(ms)}; p50 {statistics.median(ms):.2f} ms; "
        f"p95 {ms[int(len(ms) * 0.95)]:.2f} ms; p99 {ms[int(len(ms) * 0.99)]:.2f} ms; "
        f"worst {ms[-1]:.2f} ms"
    )
    print(f"typed service not in the top 20 after the whole query: {missed} of {args.queries}")


if __name__ == "__main__":
    main()
