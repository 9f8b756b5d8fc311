"""`serve`: live preview. Builds, serves over HTTP, watches, rebuilds, reloads the browser.

Why not the livereload package: its server polls for changes every 800 ms
(handlers.py: PeriodicCallback(poll_tasks, 800)), which alone misses our 100 ms target,
and it has no channel to show a build error in the browser. So this module uses the
standard library's HTTP server, watchdog for file events, and Server-Sent Events to tell
pages to reload or to show the error overlay.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import json
import posixpath
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from karriere.base.errors import BuildError, Problem
from karriere.base.messages import Messages, say
from karriere.commands.watch import Watcher

LIVE_PREFIX = "__karriere/"
LIVE_SCRIPT = (Path(__file__).parent.parent / "live.js").read_bytes()
OVERLAY_CSS = (
    b"#karriere-overlay{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99;"
    b"background:#fff4f0;color:#1b1b1b;border-top:6px solid #b00020;padding:1rem 1.5rem;"
    b"font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)}"
    b"#karriere-overlay pre{background:#fff;border:1px solid #ccc;padding:.5rem;overflow:auto}"
)
ALL_INTERFACES = {"0.0.0.0", "::", ""}
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}


@dataclass
class PreviewState:
    """What the server knows about the last build; shared by the request threads."""

    out_dir: Path
    base_path: str
    generation: int = 0
    problems: list[Problem] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    host: str = "127.0.0.1"  # the address the server listens on (--host)
    messages: Messages = field(default_factory=lambda: Messages("en"))  # the editor's
    search: object = None  # the lazily made search index (preview_search.LazySearch)

    def publish(self, problems: list[Problem]) -> None:
        with self.changed:
            self.problems = problems
            self.generation += 1
            self.changed.notify_all()

    def message(self) -> dict:
        """For the browser's overlay, in the language of the console."""
        if not self.problems:
            return {"generation": self.generation, "ok": True}
        text = self.messages.text
        return {
            "generation": self.generation,
            "ok": False,
            "title": text(say("The preview shows the last good state")),
            "errors": [
                {"where": f"{p.path}:{p.line}", "message": text(p.message), "source": p.source_line}
                for p in self.problems
            ],
        }


def make_handler(state: PreviewState):
    class PreviewHandler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(state.out_dir), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 - quiet preview
            pass

        def parse_request(self) -> bool:
            """Refuse every request whose Host is not this server's address: a page of
            another site whose name was pointed at 127.0.0.1 (DNS rebinding) could else
            read the drafts."""
            if not super().parse_request():
                return False
            port = self.server.server_address[1]
            if host_allowed(self.headers.get("Host", ""), state.host, port):
                return True
            self.close_connection = True
            refused = say("421: this preview answers only requests for its own address")
            body = (state.messages.text(refused) + "\n").encode()
            self.send_bytes(body, "text/plain; charset=utf-8", HTTPStatus.MISDIRECTED_REQUEST)
            return False

        def do_GET(self):  # noqa: N802 - http.server's naming
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(state.base_path):
                if path in ("/", "") or not path.startswith("/" + LIVE_PREFIX):
                    return self.redirect(state.base_path)
            rel = path[len(state.base_path) :]
            if rel == LIVE_PREFIX + "live.js":
                return self.send_bytes(LIVE_SCRIPT, "text/javascript; charset=utf-8")
            if rel == LIVE_PREFIX + "overlay.css":
                return self.send_bytes(OVERLAY_CSS, "text/css; charset=utf-8")
            if rel == LIVE_PREFIX + "events":
                return self.stream_events()
            if rel.startswith("pagefind/") and state.search is not None:
                return self.send_search_file(rel)
            return self.send_file(rel)

        def send_search_file(self, rel: str):
            """Pagefind's bundle, made when first asked for after a change."""
            data = state.search.file(rel.removeprefix("pagefind/"))
            if data is None:
                return self.send_bytes(b"", "text/plain", HTTPStatus.NOT_FOUND)
            return self.send_bytes(data, self.guess_type(rel))

        def redirect(self, location: str):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def send_bytes(self, data: bytes, content_type: str, status=HTTPStatus.OK):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def send_file(self, rel: str):
            target = safe_target(state.out_dir, rel)
            if target is not None and target.is_dir():
                target = target / "index.html"
            if target is None or not target.is_file():
                page = state.out_dir / "404.html"
                body = page.read_bytes() if page.is_file() else b"<h1>404</h1>"
                return self.send_bytes(
                    inject(body, state), "text/html; charset=utf-8", HTTPStatus.NOT_FOUND
                )
            data = target.read_bytes()
            content_type = self.guess_type(str(target))
            if target.suffix == ".html":
                data = inject(data, state)
                content_type = "text/html; charset=utf-8"
            return self.send_bytes(data, content_type)

        def stream_events(self):
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while True:
                    with state.changed:
                        if state.generation == seen:
                            state.changed.wait(timeout=15)
                        current = state.generation
                        payload = json.dumps(state.message())
                    if current == seen:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        self.wfile.write(f"data: {payload}\n\n".encode())
                        seen = current
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                return

    return PreviewHandler


def host_allowed(header: str, served: str, port: int) -> bool:
    """Whether a Host header names this server: the --host given, or a loopback name
    when it listens on loopback; any IP address or localhost when on all interfaces
    (no DNS name: that is what a rebinding attack would send)."""
    name, _, given_port = header.lower().rpartition(":")
    if not name or "]" in given_port:  # no port (only port 80 omits it), or [v6] alone
        name, given_port = header.lower(), "80"
    name = name.removeprefix("[").removesuffix("]").rstrip(".")
    if given_port != str(port) or not name:
        return False
    served = served.lower().strip("[]")
    if name == served or (served in LOOPBACK_NAMES and name in LOOPBACK_NAMES):
        return True
    if served in ALL_INTERFACES:
        return name in ("localhost", socket.gethostname().lower()) or is_ip_literal(name)
    return False


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def safe_target(root: Path, rel: str) -> Path | None:
    """The file for a URL path, or None if it would leave the output folder."""
    normal = posixpath.normpath("/" + rel).lstrip("/")
    if normal.startswith("..") or "\x00" in normal:
        return None
    target = (root / normal).resolve() if normal not in ("", ".") else root.resolve()
    if target != root.resolve() and root.resolve() not in target.parents:
        return None
    return target


def inject(page: bytes, state: PreviewState) -> bytes:
    """Add the live-reload script (it also draws the error overlay) to a served page."""
    script = f'<script src="{state.base_path}{LIVE_PREFIX}live.js" defer></script>'.encode()
    marker = b"</body>"
    if marker in page:
        return page.replace(marker, script + marker, 1)
    return page + script


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    messages = Messages("en")  # bind() sets the editor's

    def handle_error(self, request, client_address):
        """A browser that closes a connection early is normal; anything else is reported
        in one line, because editors read this terminal, not a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        failed = say(
            "Preview: the request from {client} failed: {error}",
            client=client_address[0], error=repr(error),
        )  # fmt: skip
        print(self.messages.text(failed), file=sys.stderr)


SERVE_PLACE = "serve"  # where a problem of the command itself points


def find_free_port(host: str, start: int) -> int:
    for port in range(start, start + 100):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, port))
                return port
            except OSError:
                continue
    last = start + 99
    no_port = say("no free port from {start} to {last}", start=start, last=last)
    raise BuildError([Problem(SERVE_PLACE, 1, no_port)])


def bind(host: str, port: int, handler, messages: Messages) -> PreviewServer:
    """Bind, or explain that the port is busy and offer the next free one."""
    text = messages.text
    try:
        server = PreviewServer((host, port), handler)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        free = find_free_port(host, port + 1)
        busy = say(
            "Port {port} is already in use. The next free port is {free}.", port=port, free=free
        )
        print(text(busy), file=sys.stderr)
        if not sys.stdin.isatty():
            again = say("Start again with: karriere serve --port {free}", free=free)
            print(text(again), file=sys.stderr)
            raise SystemExit(1) from None
        answer = input(text(say("Use port {free} instead? [Y/n] ", free=free))).strip().lower()
        if answer not in ("", "j", "ja", "y", "yes"):
            raise SystemExit(1) from None
        server = PreviewServer((host, free), handler)
    server.messages = messages
    return server


def cmd_serve(args: argparse.Namespace, messages: Messages) -> int:
    from karriere.commands.preview import PreviewBuilder
    from karriere.commands.preview_search import LazySearch

    if args.host in ALL_INTERFACES:
        everyone = say(
            "Warning: serving on all network interfaces: anyone on your network can see "
            "drafts and unpublished vacancies. Use --host 127.0.0.1 to keep it private."
        )
        print(messages.text(everyone), file=sys.stderr)
    site_dir = args.site.resolve()
    out_dir = Path(tempfile.mkdtemp(prefix="karriere-preview-"))
    builder = PreviewBuilder(site_dir, out_dir / "site", day=args.date, language=messages.language)
    state = PreviewState(out_dir / "site", "/", host=args.host, messages=messages)
    state.search = LazySearch(out_dir / "site", messages.language)
    try:
        server = bind(args.host, args.port, make_handler(state), messages)
        host, port = server.server_address[:2]
        shown_host = f"[{host}]" if ":" in host else host
        builder.origin = f"http://{shown_host}:{port}"
        report = builder.rebuild(set())
        state.base_path = builder.base_path
        state.publish(report.problems)
        state.search.changed(report.site)
        print_report(report, messages)
        watcher = Watcher(
            builder.watched_paths(),
            poll=args.poll,
            on_change=lambda paths: rebuild(builder, state, paths),
            messages=messages,
        )
        watcher.start()
        address = f"http://{shown_host}:{port}{state.base_path}"
        print(messages.text(say("Preview: {address}  (Ctrl+C stops it)", address=address)))
        stop_on_sigterm()
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            print("\n" + messages.text(say("Preview stopped.")))
        finally:
            state.search.close()  # before its pages go with the temporary folder
            idle = watcher.stop()
            server.server_close()
            if idle:  # (a rebuild still running may be changing what save() would write)
                builder.save()  # what this session parsed, for the next start
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return 0


def stop_on_sigterm() -> None:
    """`kill`, `docker stop` and systemd end the preview as Ctrl-C does: the watcher
    stops, the temporary folder goes and the parsed content is kept."""

    def interrupt(signum, frame):
        # Only the first: a second Ctrl-C or `kill` would otherwise break off the cleanup
        # halfway. (Not SIG_IGN: a signal already on its way then raises OSError.)
        signal.signal(signal.SIGTERM, _stopping)
        signal.signal(signal.SIGINT, _stopping)
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)
        # Ctrl-C too, even where the preview was started with SIGINT ignored (a job put
        # in the background by a script, some test runners): Python then leaves it so.
        signal.signal(signal.SIGINT, interrupt)


def _stopping(signum, frame) -> None:
    """A signal while the preview stops: it is stopping already."""


def rebuild(builder, state: PreviewState, paths: set[Path]) -> None:
    if state.search is not None:
        state.search.interrupt()  # no Pagefind while the editor waits for the page
    report = builder.rebuild(paths, announce=lambda report: state.publish(report.problems))
    if not report.problems and state.search is not None:
        state.search.changed(report.site)  # indexed lazily: commands/preview_search.py
    print_report(report, state.messages)


def print_report(report, messages: Messages) -> None:
    stamp = time.strftime("%H:%M:%S")
    if report.problems:
        for problem in report.problems:
            print(messages.problem(problem), file=sys.stderr)
        kept = say("Error: the preview shows the last good state.")
        print(f"[{stamp}] {messages.text(kept)}", file=sys.stderr)
    else:
        print(f"[{stamp}] {messages.text(report.summary)}")
