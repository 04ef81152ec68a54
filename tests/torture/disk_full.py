"""The full-disk build, run inside a private mount namespace (see :func:`.attacks.builds.full_disk`).

Run as a script: ``disk_full.py CONFIG_JSON``.  It mounts a small tmpfs
(visible to this process and its children only, and gone with them), and for
each amount of free space: copies the scratch var/ folder onto it, fills the
disk up to that amount, runs ``mrkg build`` there, and reports as JSON what the
build said and what it left.  It imports its neighbours as plain modules.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from instance import MRKG, PROJECT_ROOT, copy_var, mrkg_env
from release_check import damage, leftovers, published

SIZE_MB = 64


def _fill(mount: Path, leave_bytes: int) -> None:
    free = shutil.disk_usage(mount).free
    with open(mount / "filler", "wb") as filler:
        size = max(free - leave_bytes, 0)
        try:
            os.posix_fallocate(filler.fileno(), 0, size)
        except OSError:
            filler.write(b"\0" * size)


def main(config: dict[str, object]) -> dict[str, object]:
    mount = Path(str(config["mount"]))
    mount.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        return {"skipped": f"cannot mount a tmpfs: {mounted.stderr.strip() or mounted.returncode}"}
    runs = []
    for leave in config["leave_bytes"]:  # type: ignore[attr-defined]
        var = copy_var(Path(str(config["scratch"])), mount / "var")
        before = published(var)
        _fill(mount, int(leave))
        # --full: a build of unchanged sources publishes nothing, and this one must write its release (issue 11 point 4)
        build = subprocess.run([*MRKG, "build", "--full"], cwd=PROJECT_ROOT, env=mrkg_env(var), capture_output=True,
                               text=True, timeout=600)
        runs.append({
            "free_bytes": int(leave), "exit": build.returncode, "stderr": build.stderr[-3000:],
            "published_before": before.name if before else None,
            "published_after": published(var).name if published(var) else None,  # type: ignore[union-attr]
            "damage": damage(var), "leftovers": leftovers(var),
        })
        shutil.rmtree(var)
        (mount / "filler").unlink()
    return {"runs": runs}


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
