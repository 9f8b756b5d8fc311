"""Pagefind's indexer, run from Python: the `pagefind --service` process of the PyPI
package `pagefind` (its binary from `pagefind-bin`), fed with HTML in memory.

We speak the service's protocol (base64-encoded JSON messages, each ended by a comma)
ourselves instead of using the package's `PagefindIndex`: that reads one reply every
100 ms (its reader sleeps 0.1 s before each), so 10,000 pages would take 17 minutes, and
its `get_files()` stops at replies over 2 MiB. Here a thread writes the pages while this
one reads the replies, so neither pipe fills up.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence

from karriere.base.messages import say

# Pagefind's own search interfaces: karriere has its own (static/search.js).
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class PagefindFailed(Exception):
    """Pagefind is missing or broken; args[0] says what happened, in a few words."""


def executable() -> str:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindFailed(say("the Python package pagefind is not installed")) from None
    found = get_executable()
    if found is None:
        raise PagefindFailed(say("the Pagefind program was not found (pagefind-bin)"))
    return str(found)


def version() -> str:
    """The installed Pagefind's version (part of what the index is made from)."""
    try:
        from importlib.metadata import version as installed
    except ImportError:  # pragma: no cover
        return ""
    for name in ("pagefind-bin-extended", "pagefind-bin", "pagefind"):
        try:
            return f"{name} {installed(name)}"
        except Exception:
            continue
    return ""


Html = bytes | str | Callable[[], bytes]  # a page, or what reads it


def index_files(
    pages: Sequence[tuple[str, Html]], stop: threading.Event | None = None, nice: int = 0
) -> dict[str, bytes]:
    """The search bundle made from `pages` ((url, html)), as {path inside the bundle:
    bytes}, without Pagefind's own interfaces. `stop` set: ends early with PagefindFailed.
    `nice`: a lower CPU priority (the preview indexes while the editor works)."""
    service = Service(executable(), nice)
    try:
        index = service.ask({"type": "NewIndex", "config": {"write_playground": False}})
        number = index["index_id"]
        service.add_pages(number, pages, stop)
        files = service.ask({"type": "GetFiles", "index_id": number})["files"]
    finally:
        service.close()
    return {
        f["path"]: base64.b64decode(f["content"]) for f in files if not f["path"].startswith(UNUSED)
    }


class Service:
    """One `pagefind --service` process; replies are read in this thread."""

    def __init__(self, program: str, nice: int = 0):
        self.log = tempfile.TemporaryFile()  # what it says besides replies, for errors
        lower = (lambda: os.nice(nice)) if nice and hasattr(os, "nice") else None
        try:
            self.process = subprocess.Popen(
                [program, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=self.log, preexec_fn=lower,
            )  # fmt: skip
        except OSError as exc:
            self.log.close()
            raise PagefindFailed(
                say(
                    "could not start {program}: {why}",
                    program=str(program),
                    why=exc.strerror or str(exc),
                )
            ) from None
        self.buffer = bytearray()
        self.sent = 0
        self.lock = threading.Lock()

    def send(self, payload: dict) -> int:
        with self.lock:
            self.sent += 1
            message = {"message_id": self.sent, "payload": payload}
            self.process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            return self.sent

    def receive(self) -> dict:
        while True:
            end = self.buffer.find(b",")
            if end >= 0:
                message = bytes(self.buffer[:end])
                del self.buffer[: end + 1]
                payload = json.loads(base64.b64decode(message))["payload"]
                if payload.get("type") == "Error":
                    raise PagefindFailed(payload.get("message") or say("an unknown error"))
                return payload
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                raise PagefindFailed(self.ended())
            self.buffer += chunk

    def ask(self, payload: dict) -> dict:
        try:
            self.send(payload)
            self.process.stdin.flush()
        except OSError:
            raise PagefindFailed(self.ended()) from None
        return self.receive()

    def add_pages(self, index: int, pages: Sequence[tuple[str, Html]], stop) -> None:
        """Every page, written by a second thread while this one reads the replies."""
        failed: list[BaseException] = []

        def write() -> None:
            try:
                for url, html in pages:
                    if stop is not None and stop.is_set():
                        self.process.kill()  # the reader then stops waiting
                        return
                    html = html() if callable(html) else html
                    text = html.decode("utf-8") if isinstance(html, bytes) else html
                    self.send({"type": "AddFile", "index_id": index, "url": url,
                               "file_contents": text, "file_path": None})  # fmt: skip
                self.process.stdin.flush()
            except BaseException as exc:  # the reader is told by the process's end
                failed.append(exc)
                self.process.kill()

        writer = threading.Thread(target=write, name="pagefind-pages", daemon=True)
        writer.start()
        try:
            for _ in pages:
                if stop is not None and stop.is_set():
                    self.process.kill()
                    raise PagefindFailed("stopped")
                self.receive()
        except PagefindFailed:
            if failed and not isinstance(failed[0], BrokenPipeError):
                raise failed[0] from None  # reading a page failed (the preview's files)
            if stop is not None and stop.is_set():
                raise PagefindFailed("stopped") from None
            raise
        finally:
            writer.join()

    def ended(self) -> str:
        """Why the process stopped answering, from its last words."""
        code = self.process.poll()
        self.log.seek(0)
        said = self.log.read()[-300:].decode("utf-8", "replace").strip().splitlines()
        last = said[-1] if said else ""
        return last or say("it stopped (exit status {code})", code=code)

    def close(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.log.close()
