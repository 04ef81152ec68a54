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


@pytest.fixture(scope="module")
def campaign() -> dict[str, Row]:
    rows = run(QUICK)
    print(table(rows.values()))
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_attack_finds_nothing(campaign: dict[str, Row], attack: str) -> None:
    row = campaign[attack]
    if row.skipped is not None:
        pytest.skip(row.skipped)
    assert row.passed, table([row])
