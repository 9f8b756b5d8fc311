"""The network's files that are not HTML pages: one .ics per event and the QR codes of
the posters (Aushang pages). (The vacancy filter asks the search index: outputs/search.py.)"""

from __future__ import annotations

import os
from datetime import UTC, datetime, time, timedelta
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING

from karriere.base.hashing import hash_bytes, hash_text
from karriere.base.messages import say
from karriere.base.recall import Recall
from karriere.base.workers import fork_pool
from karriere.base.xmltext import clean
from karriere.outputs import qrcodes
from karriere.outputs.consultation_ics import consultation_outputs
from karriere.site.network_pages import poster_items
from karriere.write.made_files import MadeFiles
from karriere.write.output import Bytes, Output, Spooled

if TYPE_CHECKING:
    from karriere.site.model import Item, Site
    from karriere.write.spool import Spool


def network_outputs(
    site: Site,
    files: MadeFiles | None = None,
    jobs: int = 1,
    recall: Recall | None = None,
    spool: Spool | None = None,
) -> list[Output]:
    """`files` (cache.MadeFiles) keeps last build's QR codes whose URL and title are the
    same; new ones are made in a pool of `jobs` processes when there are many (a cold
    build of a big site), which write them to `spool`. `recall` hands back an item's QR
    files from the last build in this process (the live preview)."""
    files = files if files is not None else MadeFiles()
    recall = recall if recall is not None else Recall()
    outputs = [event_ics(site, ev) for ev in site.network.events]
    outputs += consultation_outputs(site, recall)  # the contact blocks' consultation hours
    base = site.urls.base_url
    items = poster_items(site)
    for local in site.sites[1:]:  # the posters of translated items, under /<code>/
        items += [item for item in poster_items(local) if item.entry.language]
    made = make_qr_codes(recall.missing(qr_codes, items, base), base, files, jobs, spool)
    outputs += chain.from_iterable(recall.many(qr_codes, items, base, files=files, made=made))
    return outputs


QR_PARALLEL_FROM = 200  # codes; about 1 ms each, so fewer are not worth a pool


QR_KINDS = ("svg", "png")


def make_qr_codes(
    items: list[Item], base_url: str, files: MadeFiles, jobs: int, spool: Spool | None
) -> dict[tuple, tuple]:
    """(url, title) -> ((svg file or bytes, digest), (png ..., digest)) for the codes that
    last build did not leave, made in a pool of processes when there are many."""
    if jobs <= 1 or len(items) < QR_PARALLEL_FROM or not hasattr(os, "fork"):
        return {}  # qr_codes() makes them one by one
    todo = [qr_inputs(item, base_url) for item in items]
    todo = [t for t in todo if not all(files.has(*t[2][kind]) for kind in QR_KINDS)]
    if len(todo) < QR_PARALLEL_FROM:
        return {}
    folder = spool.folder() if spool is not None else None
    tasks = [(n, url, title, folder and str(folder)) for n, (url, title, _) in enumerate(todo)]
    size = max(32, len(todo) // (jobs * 4))
    with fork_pool(jobs) as pool:
        made = pool.map(_qr_files, tasks, chunksize=size)
    return {(url, title): pair for (url, title, _), pair in zip(todo, made, strict=True)}


def qr_inputs(item: Item, base_url: str) -> tuple[str, str, dict[str, tuple[str, str]]]:
    """(url, title, {kind: (output path, key of the inputs)}). (The state that keeps the
    keys is per karriere version: incremental/state.py.)"""
    url, title = base_url + item.route.lstrip("/"), item.meta.title
    paths = {
        kind: (f"{item.route}qr.{kind}", hash_text("qr", qrcodes.FORMAT, url, title, kind))
        for kind in QR_KINDS
    }
    return url, title, paths


def _qr_files(job: tuple) -> tuple[tuple, tuple]:
    """In a worker: both files of one code, written to the spool folder if there is one."""
    number, url, title, folder = job
    cells = qrcodes.modules(url)
    made = []
    for kind in QR_KINDS:
        data = qrcodes.file(kind, url, title, cells)
        digest = hash_bytes(data)
        if folder is None:
            made.append((data, digest))
            continue
        path = os.path.join(folder, f"qr-{number}.{kind}")
        with open(path, "wb") as f:
            f.write(data)
        made.append((path, digest))
    return tuple(made)


def qr_codes(item: Item, base_url: str, files: MadeFiles | None = None, made=None) -> list:
    """The page's absolute URL as a QR code, as SVG (print) and PNG (office tools): two
    Outputs, last build's files where `files` has them, else from `made` (make_qr_codes)
    or made here."""
    files = files if files is not None else MadeFiles()
    url, title, paths = qr_inputs(item, base_url)
    pair = (made or {}).get((url, title))
    origin = say("the QR code of {file}", file=item.entry.source)
    outputs, cells = [], None  # the modules, computed once if both files are needed
    for number, kind in enumerate(QR_KINDS):
        path, key = paths[kind]
        # A partial, not a closure: a big site keeps 20,000 of them until the writer is done.
        out = files.kept(path, key, partial(qrcodes.file, kind, url, title), origin)
        if out is None:
            data, digest = pair[number] if pair else (None, None)
            if isinstance(data, str):  # a file a worker wrote
                out = Spooled(path, data, digest, origin=origin)
            else:
                if data is None:
                    cells = cells or qrcodes.modules(url)
                    data = qrcodes.file(kind, url, title, cells)
                out = Bytes(path, data, digest=digest or hash_bytes(data), origin=origin)
            files.remember(path, key, out.digest)
        outputs.append(out)
    return outputs


def event_ics(site: Site, ev: Item) -> Output:
    """An iCalendar file; times in UTC, so every calendar shows them in its own zone."""
    import icalendar  # (deferred: only sites with events need it)

    m = ev.meta
    cal = icalendar.Calendar()
    # icalendar escapes line breaks, ";" and ","; control characters it passes on
    cal.add("prodid", clean("-//karriere//" + site.settings.title + "//DE"))
    cal.add("version", "2.0")
    vevent = icalendar.Event()
    host = site.urls.absolute("").split("/")[2]
    vevent.add("uid", clean(f"{ev.slug}@{host}"))
    # Same input and date give the same bytes: the stamp is the build day, not the clock.
    vevent.add("dtstamp", datetime.combine(site.options.today, time(0, 0), tzinfo=UTC))
    vevent.add("summary", clean(m.title))
    if isinstance(m.start, datetime):
        vevent.add("dtstart", m.start.astimezone(UTC))
        if m.end is not None:
            vevent.add("dtend", m.end.astimezone(UTC))
    else:
        vevent.add("dtstart", m.start)
        vevent.add("dtend", (m.end or m.start) + timedelta(days=1))  # DTEND is exclusive
    if m.location is not None:
        vevent.add("location", clean(m.location.one_line()))
    description = " ".join(p for p in (m.summary, m.accessibility) if p)
    if description:
        vevent.add("description", clean(description))
    vevent.add("url", site.urls.absolute(ev.route))
    cal.add_component(vevent)
    return Bytes(f"termine/{ev.slug}.ics", cal.to_ical(), origin=ev.entry.source)
