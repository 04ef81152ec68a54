"""The quick torture campaign (``python -m tests.torture --quick``), one test per attack.

Each test fails when its row of the table does: a server error, a connection
reaching the SSRF listener, a freeze, a crashed worker, or one of the
attack's own checks.  The campaign runs once for the module (a few minutes:
marked slow, so ``make test-fast`` leaves it out).
"""
from __future__ import annotations

import pytest

from .budget import QUICK
from .campaign import ATTACKS, run
from .report import Row, table

# Findings of issue 10 that today's code still shows; each mark goes when the fix for its row is merged.
FAILING_TODAY = {
    "half-sent": "10.7: a flood of connections from one address fills the room kept for refusals, and some of the "
                 "bystander's connections are dropped unanswered",
    "corrupt-store": "10.9: a page read from a table emptied under the running server before the server's next "
                     "look at its files (within 1 s) never returns",
}


@pytest.fixture(scope="module")
def campaign() -> dict[str, Row]:
    rows = run(QUICK)
    print(table(rows.values()))
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("attack", [
    pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=FAILING_TODAY[name])) if name in FAILING_TODAY
    else name for name in ATTACKS])
def test_attack_finds_nothing(campaign: dict[str, Row], attack: str) -> None:
    row = campaign[attack]
    if row.skipped is not None:
        pytest.skip(row.skipped)
    assert row.passed, table([row])
