"""A real Virtuoso (Debian's virtuoso-opensource-7) for tests: its own scratch database, on 127.0.0.1 only.

``make test`` installs it (the ``virtuoso`` target); where it is missing, the
tests that need it are skipped with that reason.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from benchmarks.virtuoso_engine import ini_text
from graph.settings import Settings
from graph.virtuoso_load import load_store_into_virtuoso
from live_service import free_port

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
MISSING = "Virtuoso is not installed (Debian package virtuoso-opensource-7; `make virtuoso`)"



class VirtuosoServer:
    """``virtuoso-t +foreground`` on a scratch database in ``folder``, until ``stop()`` (by its PID)."""

    def __init__(self, folder: Path, max_rows: int = 100_000, max_seconds: int = 60) -> None:
        assert VIRTUOSO is not None and ISQL is not None, MISSING
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder.resolve()
        self.sql_port, http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{http_port}"
        self.endpoint = self.url + "/sparql"
        self.load_dir = self.folder / "load"
        self.load_dir.mkdir(exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(ini_text(self.folder, self.sql_port, http_port, buffers=10_000, row_cap=max_rows,
                                sort_cap=10_000, max_seconds=max_seconds, checkpoint_minutes=60))
        self.log = self.folder / "stdout.log"
        self.process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=self.folder,
                                        stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120  # a new database is made and filled with Virtuoso's own tables first
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}:\n{self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Virtuoso did not answer within 120 s:\n{self.log.read_text()[-2000:]}")

    @property
    def settings(self) -> Settings:
        """Settings that make ``mrkg build`` load into this server."""
        return Settings(virtuoso_isql=f"127.0.0.1:{self.sql_port}", virtuoso_http=self.url,
                        virtuoso_load_dir=str(self.load_dir))

    @property
    def environment(self) -> dict[str, str]:
        return {"MRKG_VIRTUOSO_ISQL": f"127.0.0.1:{self.sql_port}", "MRKG_VIRTUOSO_HTTP": self.url,
                "MRKG_VIRTUOSO_LOAD_DIR": str(self.load_dir)}

    def load(self, source: Path) -> None:
        """Load a TriG or N-Quads file the way ``mrkg build`` loads a release."""
        store = ox.Store()
        store.load(path=str(source), format=ox.RdfFormat.from_extension(source.suffix.lstrip(".")))
        load_store_into_virtuoso(store, self.settings)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
