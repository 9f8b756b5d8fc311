"""The live preview, driven as an editor would: a real server, real files, real saves."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import time

import pytest
from helpers import readable, write_files
from live_preview import serve_command, serve_env, start_preview

VACANCY = "content/vacancies/sachbearbeitung.md"


@pytest.fixture
def preview(scratch_site):
    preview = start_preview(scratch_site)
    yield preview
    preview.stop()


def test_edit_is_served_and_pages_get_the_live_script(preview):
    status, html = preview.get("stellen/sachbearbeitung/")
    assert status == 200 and "Sachbearbeiter*in Bürgeramt" in html
    assert '<script src="/karriere/__karriere/live.js" defer></script></body>' in html
    preview.edit(VACANCY, "Sachbearbeiter*in Bürgeramt", "Sachbearbeiter*in Bürgerbüro")
    preview.wait_for(lambda: "Bürgerbüro" in preview.get("stellen/sachbearbeitung/")[1], "edit")


def test_broken_file_shows_errors_and_keeps_last_good_site(preview):
    first = preview.state()["generation"]
    preview.edit(VACANCY, "posted: 2026-10-01", "posted: 2026-02-30")
    preview.wait_for(lambda: not preview.state()["ok"], "the error")
    state = preview.state()
    assert state["generation"] > first
    error = state["errors"][0]
    assert error["where"] == f"{VACANCY}:4"
    assert "posted: '2026-02-30' is not a day in the calendar" in error["message"]
    assert "posted: 2026-02-30" in error["source"]
    status, html = preview.get("stellen/sachbearbeitung/")
    assert status == 200 and "Sachbearbeiter*in Bürgeramt" in html  # the last good page

    preview.edit(VACANCY, "posted: 2026-02-30", "posted: 2026-10-02")
    preview.wait_for(lambda: preview.state()["ok"], "the overlay to clear")
    assert "02.10.2026" in preview.get("stellen/sachbearbeitung/")[1]


def test_broken_template_names_template_and_line(preview):
    write_files(
        preview.site,
        {
            "themes/default/templates/404.html": "{% extends 'base.html' %}\n{% block main %}\n{{ oops( }}\n{% endblock %}\n"
        },
    )
    preview.wait_for(lambda: not preview.state()["ok"], "the template error")
    where = preview.state()["errors"][0]["where"]
    assert re.search(r"404\.html:3$", where), where


def test_create_rename_delete_and_atomic_save(preview):
    new = preview.site / "content/stories/neu.md"
    new.write_text("---\ntitle: Neu hier\nname: Ali\nrole: Azubi\ndate: 2026-10-10\n---\nHallo.\n")
    preview.wait_for(lambda: preview.get("geschichten/neu/")[0] == 200, "a new file")

    new.rename(preview.site / "content/stories/umbenannt.md")
    preview.wait_for(lambda: preview.get("geschichten/umbenannt/")[0] == 200, "the renamed file")
    assert preview.get("geschichten/neu/")[0] == 404

    (preview.site / "content/stories/umbenannt.md").unlink()
    preview.wait_for(lambda: preview.get("geschichten/umbenannt/")[0] == 404, "the deletion")

    # an editor's atomic save: write a temporary file, then rename it over the original
    path = preview.site / VACANCY
    tmp = path.with_name(".sachbearbeitung.md.tmp")
    tmp.write_text(path.read_text().replace("Pässe und Ausweise", "Atomar gespeichert"))
    os.replace(tmp, path)
    preview.wait_for(
        lambda: "Atomar gespeichert" in preview.get("stellen/sachbearbeitung/")[1],
        "the atomic save",
    )


def test_burst_of_saves_gives_few_rebuilds(preview):
    before = preview.state()["generation"]
    path = preview.site / VACANCY
    text = path.read_text()
    for n in range(200):
        path.write_text(text.replace("Pässe und Ausweise", f"Stand {n}"))
    preview.wait_for(lambda: "Stand 199" in preview.get("stellen/sachbearbeitung/")[1], "the burst")
    time.sleep(0.3)
    assert preview.state()["generation"] - before <= 3


def test_drafts_and_expired_vacancies_are_shown_marked(preview):
    listing = readable(preview.get("stellen/")[1])
    assert "Geheimer Entwurf" in listing and "Entwurf" in listing
    assert "Abgelaufene Stelle" in listing and "Abgelaufen" in listing


def test_serves_nothing_outside_the_output(preview):
    for path in ("../site.yaml", "%2e%2e/site.yaml", "%2e%2e%2fsite.yaml", "..%2f..%2fetc/passwd"):
        status, body = preview.get(path)
        assert status == 404, path
        assert "title:" not in body and "root:" not in body
    raw = socket.create_connection(("127.0.0.1", preview.port))
    host = f"Host: 127.0.0.1:{preview.port}".encode()
    raw.sendall(b"GET /karriere/../../site.yaml HTTP/1.0\r\n" + host + b"\r\n\r\n")
    answer = raw.recv(65536).decode(errors="replace")
    raw.close()
    assert answer.startswith("HTTP/1.0 404")
    assert "base_url" not in answer and "organisation:" not in answer


def test_answers_only_on_loopback(preview):
    addresses = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    others = [a for a in addresses if not a.startswith("127.") and ":" not in a]
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, preview.port), timeout=1)
    out = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
    assert f"127.0.0.1:{preview.port}" in out
    assert f"0.0.0.0:{preview.port}" not in out


def test_busy_port_is_explained_with_the_next_free_one(scratch_site, preview):
    result = subprocess.run(
        serve_command(scratch_site, preview.port),
        capture_output=True,
        text=True,
        timeout=20,
        stdin=subprocess.DEVNULL,
        env=serve_env(),
    )
    assert result.returncode == 1
    assert f"Port {preview.port} is already in use. The next free port is" in result.stderr
    assert "Traceback" not in result.stderr
    german = subprocess.run(
        serve_command(scratch_site, preview.port),
        capture_output=True,
        text=True,
        timeout=20,
        stdin=subprocess.DEVNULL,
        env=serve_env("de"),
    )
    assert f"Port {preview.port} ist schon belegt. Der nächste freie Port ist" in german.stderr
    assert "Starten Sie neu mit: karriere serve --port" in german.stderr


def test_ctrl_c_exits_cleanly(preview):
    import signal

    preview.proc.send_signal(signal.SIGINT)
    assert preview.proc.wait(timeout=10) == 0
    output = preview.proc.stdout.read()
    assert "Traceback" not in output, output


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_stopping_keeps_the_parsed_content_for_the_next_start(preview, how):
    """Ctrl-C, `kill` or `docker stop`: the preview ends cleanly and keeps what it parsed."""
    import signal

    kept = preview.site / ".karriere-cache"
    assert not list(kept.glob("content-*.pickle"))  # a small site's: kept only at the end
    preview.proc.send_signal(getattr(signal, how))
    assert preview.proc.wait(timeout=10) == 0
    assert "Traceback" not in preview.proc.stdout.read()
    assert list(kept.glob("content-*.pickle"))


def test_a_second_signal_while_stopping_does_not_break_off_the_cleanup(scratch_site, tmp_path):
    """Ctrl-C and then `kill` (or docker stop's repeated SIGTERM) while the preview stops:
    it still says so, keeps the parsed content and removes its temporary folder."""
    import signal
    import urllib.request

    temp = tmp_path / "temp"
    temp.mkdir()
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    number = port.getsockname()[1]
    port.close()
    proc = subprocess.Popen(
        serve_command(scratch_site, number), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, stdin=subprocess.DEVNULL, env={**serve_env(), "TMPDIR": str(temp)},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{number}/karriere/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        assert list(temp.glob("karriere-preview-*"))
        proc.send_signal(signal.SIGINT)
        while proc.poll() is None:  # more signals all through the stop
            proc.send_signal(signal.SIGTERM)
            time.sleep(0.002)
        output = proc.stdout.read()
    finally:
        proc.kill()
        proc.wait()
    # (One that comes after the cleanup, while Python exits, ends it as SIGTERM does.)
    assert proc.returncode in (0, -signal.SIGTERM), output
    assert "Traceback" not in output, output
    assert "Preview stopped." in output
    assert list((scratch_site / ".karriere-cache").glob("content-*.pickle"))
    assert not list(temp.glob("karriere-preview-*"))


def test_serve_date_previews_the_site_as_on_that_day(scratch_site, tmp_path):
    """`serve --date`: how the site looks on a later day, e.g. once a deadline has passed."""
    from datetime import date

    from karriere.commands.cli import make_parser
    from karriere.commands.preview import PreviewBuilder

    args = make_parser().parse_args(["serve", "--site", str(scratch_site), "--date", "2031-07-01"])
    assert args.date == date(2031, 7, 1)
    pages = {}
    for day in (None, args.date):
        out = tmp_path / f"preview-{day}"
        assert PreviewBuilder(scratch_site, out, day=day).rebuild(set()).problems == []
        pages[day] = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert 'class="notice notice-expired"' not in pages[None]  # open until 2031-06-30
    assert 'class="notice notice-expired"' in pages[args.date]
    assert "https://example.org/bewerben" in pages[None]
    assert "https://example.org/bewerben" not in pages[args.date]


def raw_get(port: int, path: str, host: str | None, method: str = "GET") -> tuple[int, bytes]:
    """A request with exactly this Host header (None: none at all), as a rebinding page's
    browser would send it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest(method, path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read(2000)
    finally:
        connection.close()


def test_answers_only_requests_for_its_own_address(preview):
    """DNS rebinding: a page of evil.example, its name pointed at 127.0.0.1, must not read
    the drafts (nor the live channel, nor anything else)."""
    port = preview.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, body = raw_get(port, "/karriere/stellen/geheim/", host)
        assert status == 200 and b"Geheimer Entwurf" in body, host
    foreign = [
        f"evil.example:{port}", "evil.example", f"127.0.0.1.nip.io:{port}", f"127.0.0.1:{port + 1}",
        "127.0.0.1", f"localhost.evil.example:{port}", "", None,
    ]  # fmt: skip
    for host in foreign:
        for path in ("/karriere/stellen/geheim/", "/karriere/__karriere/events", "/"):
            status, body = raw_get(port, path, host)
            assert status == 421 and b"Geheim" not in body, (host, path)
        assert raw_get(port, "/karriere/stellen/geheim/", host, "HEAD")[0] == 421
    assert preview.get("stellen/geheim/")[0] == 200  # and the server still answers


def test_which_host_names_each_listening_address_accepts():
    from karriere.commands.server import host_allowed

    assert host_allowed("localhost:8000", "127.0.0.1", 8000)
    assert host_allowed("[::1]:8000", "localhost", 8000)
    assert host_allowed("karriere.lan:8000", "karriere.lan", 8000)  # the --host given
    assert not host_allowed("127.0.0.1:8000", "karriere.lan", 8000)
    assert host_allowed("192.168.0.7:8000", "0.0.0.0", 8000)  # any address on all interfaces
    assert host_allowed("[fe80::1]:8000", "::", 8000)
    assert host_allowed("localhost:8000", "0.0.0.0", 8000)
    assert not host_allowed("evil.example:8000", "0.0.0.0", 8000)  # but no DNS name
    assert not host_allowed("192.168.0.7:8001", "0.0.0.0", 8000)
    assert host_allowed("localhost", "127.0.0.1", 80) and not host_allowed("localhost", "::1", 81)


def test_an_unexpected_error_in_a_rebuild_is_shown_and_the_next_save_rebuilds(
    scratch_site, tmp_path, monkeypatch
):
    """A bug (or the machine) raising in a rebuild must neither kill the rebuild thread
    nor leave the browser saying "ok"."""
    from karriere.commands.preview import PreviewBuilder
    from karriere.commands.server import PreviewState, rebuild
    from karriere.commands.watch import Watcher
    from karriere.incremental.builder import Builder

    builder = PreviewBuilder(scratch_site, tmp_path / "preview")
    state = PreviewState(out_dir=tmp_path / "preview", base_path="/")
    assert builder.rebuild(set()).problems == []
    state.publish([])
    real_build = Builder.build

    def broken_build(self, *args, **kwargs):
        monkeypatch.setattr(Builder, "build", real_build)  # once
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(Builder, "build", broken_build)
    saved = scratch_site / VACANCY
    watcher = Watcher([scratch_site / "content"], on_change=lambda p: rebuild(builder, state, p))
    watcher.start()
    try:
        saved.write_text(saved.read_text().replace("Bürgeramt", "Bürgerbüro"))
        deadline = time.monotonic() + 10
        while state.generation < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        message = state.message()
        assert message["ok"] is False
        assert "ZeroDivisionError: division by zero" in message["errors"][0]["message"]
        saved.write_text(saved.read_text().replace("Bürgerbüro", "Bürgerhaus"))
        deadline = time.monotonic() + 10
        while state.generation < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert state.message()["ok"] is True
        page = tmp_path / "preview/stellen/sachbearbeitung/index.html"
        assert "Bürgerhaus" in page.read_text(encoding="utf-8")
    finally:
        watcher.stop()


def test_a_rebuild_that_raises_does_not_stop_the_watcher(tmp_path):
    from karriere.commands.watch import Watcher

    calls = []

    def on_change(paths):
        calls.append(paths)
        if len(calls) == 1:
            raise RuntimeError("boom")

    watcher = Watcher([tmp_path], on_change=on_change)
    watcher.start()
    try:
        (tmp_path / "a.md").write_text("eins")
        deadline = time.monotonic() + 10
        while not calls and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
        (tmp_path / "b.md").write_text("zwei")
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(calls) >= 2 and watcher.worker.is_alive()
    finally:
        watcher.stop()


def test_search_index_is_made_lazily_and_follows_an_edit(preview):
    """The preview's rebuild runs no Pagefind (commands/preview_search.py): the bundle is
    made after a quiet second or when asked for, served from memory, without drafts or
    expired vacancies, and made again after a save."""

    def entry() -> dict:
        status, text = preview.get("pagefind/pagefind-entry.json")
        assert status == 200, text
        return json.loads(text)["languages"]["de"]

    first = entry()
    assert first["page_count"] == 3  # the open vacancy, the story, the FAQ
    preview.edit(VACANCY, "Pässe und Ausweise", "Pässe, Ausweise und Zebrafinken")
    preview.wait_for(lambda: entry()["hash"] != first["hash"], "a new index", timeout=60)
    assert not any(p.name == "pagefind" for p in preview.site.rglob("pagefind"))
