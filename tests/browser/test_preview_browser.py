"""The live preview in a real browser: a save reloads the open page; errors overlay it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from helpers import ROOT, SCRATCH_FILES, write_files


@pytest.fixture
def preview_site(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--site", str(site), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "KARRIERE_LANG"},  # German
    )
    base = f"http://127.0.0.1:{port}/karriere/"
    for _ in range(200):
        try:
            urllib.request.urlopen(base, timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield site, base
    proc.terminate()
    proc.wait(timeout=10)


def test_save_reloads_the_open_page_and_errors_show_as_overlay(preview_site, chromium):
    site, base = preview_site
    page = chromium.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "stellen/sachbearbeitung/")
    page.locator("html[data-karriere-live=connected]").wait_for(state="attached")
    page.evaluate("window.notReloaded = true")

    path = site / "content/vacancies/sachbearbeitung.md"
    path.write_text(path.read_text().replace("Pässe und Ausweise", "Neu im Browser"))
    page.get_by_text("Neu im Browser").wait_for(timeout=10_000)
    assert page.evaluate("window.notReloaded === undefined")  # it was a real reload

    path.write_text(path.read_text().replace("posted: 2026-10-01", "posted: 2026-13-01"))
    overlay = page.locator("#karriere-overlay")
    overlay.wait_for(timeout=10_000)
    shown = overlay.inner_text()
    assert "Die Vorschau zeigt den letzten fehlerfreien Stand" in shown  # as the terminal
    assert "content/vacancies/sachbearbeitung.md:4: posted: '2026-13-01' ist kein" in shown
    assert page.get_by_text("Neu im Browser").is_visible()  # the last good page stays

    path.write_text(path.read_text().replace("posted: 2026-13-01", "posted: 2026-10-01"))
    overlay.wait_for(state="detached", timeout=10_000)
    assert errors == []
    page.close()
