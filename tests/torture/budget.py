"""How hard each attack pushes: the full campaign, and the quick one the test suite runs.

The quick form keeps every attack (so every finding of issue 10 is checked on
each run) with fewer examples and shorter holds; each number is still above
what it takes to show the finding on the code the issue was filed against.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    name: str
    fuzz_examples: int  # Hypothesis examples per fuzzer (one request each)
    fuzz_seconds: float  # and no longer than this per fuzzer
    nesting_seconds: float  # four clients sending deep nesting for this long
    memory_queries: int  # distinct 0.9 MB queries per setting (the issue sent 2,200)
    half_sent: int  # half-sent requests held open (the issue held 20,500), fewer if the fd limit says so
    half_sent_hold: float  # seconds they are held while /health is probed
    load_seconds: float  # the 50-client load
    build_kills: int  # `mrkg build` killed at random moments
    deep_404_levels: tuple[int, ...]  # /id/a/a/…/x with this many levels
    attack_bound: float  # seconds after which any attack is stopped, whatever it is doing

    @property
    def quick(self) -> bool:
        return self.name == "quick"


FULL = Budget(
    name="full", fuzz_examples=4000, fuzz_seconds=150, nesting_seconds=20, memory_queries=2200,
    half_sent=20_000, half_sent_hold=20, load_seconds=60, build_kills=10, deep_404_levels=(10_000, 30_000),
    attack_bound=600,
)
QUICK = Budget(
    name="quick", fuzz_examples=400, fuzz_seconds=20, nesting_seconds=5, memory_queries=600,
    half_sent=3000, half_sent_hold=8, load_seconds=15, build_kills=2, deep_404_levels=(10_000,),
    attack_bound=240,
)
