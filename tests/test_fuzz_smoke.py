"""A few seconds of the fuzz run (tests/fuzz.py) in the normal test run: its targets stay runnable
and the loader meets a few hundred fresh mutations each time (the long run: docs/testing.md)."""

from __future__ import annotations

import fuzz


def test_the_fuzz_targets_run_clean_for_a_few_rounds() -> None:
    examples = fuzz.fuzz(minutes=0, targets=fuzz.TARGETS, seed=12345, rounds_of=60)
    assert examples == {"loader": 60, "school": 6, "merge3": 15}
