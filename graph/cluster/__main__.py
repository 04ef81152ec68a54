"""``python -m graph.cluster --nodes 3 --port 8080``: N nodes behind HAProxy, until Ctrl+C.

Every second it looks at ``var/current``: a new build published there
(``mrkg build``) is rolled out to all nodes (:mod:`graph.cluster.rollout`),
and a node that has died is replaced by a fresh one of the live release.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from graph.cluster.rollout import Cluster
from graph.errors import MrkgError
from graph.settings import Settings

WATCH_INTERVAL = 1.0  # seconds between two looks at var/current and at the nodes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=3, help="mrkg nodes per release (default: 3)")
    parser.add_argument("--port", type=int, default=8080, help="port HAProxy listens on, on 127.0.0.1 (default: 8080)")
    args = parser.parse_args(argv)
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        cluster = Cluster(Settings.from_env(), port=args.port, size=args.nodes)
        cluster.start()
    except MrkgError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"mrkg: {args.nodes} nodes of {cluster.release} behind {cluster.balancer.url}/  (Ctrl+C stops)",
          file=sys.stderr)
    refused: Path | None = None  # a release whose nodes would not start is not tried again every second
    try:
        while not stopping.wait(WATCH_INTERVAL):
            try:
                published = cluster.published()
                if published not in (cluster.source, refused):
                    refused = published
                    done = cluster.rollout(published)
                    refused = None
                    print(f"mrkg: rolled out {done.release} (was {done.previous}; its nodes drained in "
                          f"{done.drained_seconds:.1f} s)", file=sys.stderr)
                for node in cluster.replace_lost():
                    print(f"mrkg: node {node.name} replaces a node that exited", file=sys.stderr)
            except MrkgError as error:  # a build that cannot start leaves the live release serving
                print(f"error: {error}", file=sys.stderr)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
