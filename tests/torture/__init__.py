"""The torture campaign: ``mrkg serve`` attacked as a hostile client and as an unlucky operator would.

Issue 10 lists what such an attack found; every finding there is an attack
here, and each prints one row of a table (requests sent, server errors,
connections that reached an outside listener, freezes of ``/health`` and of a
page, worker restarts, peak memory, PASS or FAIL)::

    python -m tests.torture            # the full campaign (``make torture``), several minutes
    python -m tests.torture --quick    # the quick form, run by the test suite (tests/torture/test_campaign.py)
    python -m tests.torture --only ssrf --only nesting

Everything runs on the loopback interface: servers bind 127.0.0.1, and
attackers connect from other loopback addresses (127.0.0.2, 127.0.1.N) so
that a server limiting each client is judged the way it would be on a network.
Each attack starts its own server on a copy of one scratch build, bounds itself
in time, and stops only the processes it started, by their ids.
"""
