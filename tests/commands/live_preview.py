"""A real `karriere serve` for tests, started as an editor would (see test_server.py)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(site: Path, port: int, *options: str) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "build.py"),
        "serve",
        "--site",
        str(site),
        "--port",
        str(port),
        *options,
    ]


def serve_env(lang: str = "en") -> dict[str, str]:
    """As run_cli: English unless lang="de", the language an editor gets without options."""
    env = {k: v for k, v in os.environ.items() if k != "KARRIERE_LANG"}
    if lang != "de":
        env["KARRIERE_LANG"] = lang
    return env


def start_preview(site: Path, *options: str, lang: str = "en") -> Preview:
    port = free_port()
    proc = subprocess.Popen(
        serve_command(site, port, *options),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        stdin=subprocess.DEVNULL,
        env=serve_env(lang),
    )
    base = f"http://127.0.0.1:{port}/karriere/"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("preview server did not start: " + proc.stdout.read())
    return Preview(base, site, proc, port)


class Preview:
    def __init__(self, base, site, proc, port):
        self.base, self.site, self.proc, self.port = base, site, proc, port

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    def state(self) -> dict:
        """The first event the live channel sends: the state of the last build."""
        with urllib.request.urlopen(self.base + "__karriere/events", timeout=5) as r:
            for raw in r:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    return json.loads(line[6:])
        raise AssertionError("no event")

    def wait_for(self, condition, what: str, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}")

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.site / rel
        path.write_text(path.read_text().replace(old, new))

    def stop(self) -> str:
        """End the server; what it printed."""
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(timeout=10)
        return self.proc.stdout.read()
