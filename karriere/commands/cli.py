"""The command line: build, serve, check, new. Errors print as `path:line: message`."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from functools import partial
from pathlib import Path

from karriere.base.errors import BuildError, KarriereError, Problem, UsageError
from karriere.base.messages import Messages, editor_language, messages_in, say
from karriere.commands.arguments import Parser, chosen_language, parse_base_url, parse_port
from karriere.commands.dates import parse_date, today


def language_option(p) -> None:
    p.add_argument(
        "--lang", choices=["de", "en"],
        help="language of errors and warnings (default: KARRIERE_LANG, else de)",
    )  # fmt: skip


def make_parser(language: str | None = None) -> argparse.ArgumentParser:
    """`language`: the one --lang asks for, for wrong usage (else KARRIERE_LANG, else de)."""
    parser = Parser(prog="karriere", description="Build a careers site.", language=language)
    language_option(parser)
    sub = parser.add_subparsers(dest="command", parser_class=partial(Parser, language=language))
    parse_date_ = partial(parse_date, language=language)

    def site_options(p, date_option=True):
        language_option(p)
        p.add_argument("--site", type=Path, default=Path("."), help="site folder (default: .)")
        if date_option:
            p.add_argument("--date", type=parse_date_, help="treat this day as today (YYYY-MM-DD)")

    b = sub.add_parser("build", help="build the site (default)")
    site_options(b)
    b.add_argument("--out", type=Path, help="output folder (default: public/ in the site)")
    b.add_argument("--drafts", action="store_true", help="include drafts")
    b.add_argument(
        "--base-url",
        type=partial(parse_base_url, language=language),
        help="override base_url from site.yaml",
    )

    s = sub.add_parser("serve", help="preview with live reload")
    site_options(s, date_option=False)
    s.add_argument(
        "--date", type=parse_date_,
        help="preview the site as on this day (YYYY-MM-DD), e.g. after a deadline",
    )  # fmt: skip
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=partial(parse_port, language=language), default=8000)
    s.add_argument("--drafts", action="store_true", help="(drafts are always shown in preview)")
    s.add_argument("--poll", action="store_true", help="poll for changes (Docker, network drives)")

    c = sub.add_parser("check", help="validate everything without writing")
    site_options(c)
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")

    n = sub.add_parser("new", help="create a new content file")
    n.add_argument(  # scaffold.FOLDERS, not imported here: the no-op build starts faster
        "kind",
        choices=["vacancy", "story", "faq", "page", "event", "employer", "occupation", "post"]
        + ["leichte-sprache", "gebaerdensprache"],  # the four texts of BITV 2.0 § 4
    )
    n.add_argument("title", nargs="?", help="(not for leichte-sprache and gebaerdensprache)")
    n.add_argument("--site", type=Path, default=Path("."))
    language_option(n)

    j = sub.add_parser("schema", help="write JSON Schemas for editors' tools")
    j.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas/)")
    j.add_argument("--site", type=Path, default=Path("."), help="its categories, employers …")
    language_option(j)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    try:
        args = make_parser(chosen_language(argv)).parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and 2
    messages = messages_for(args)
    try:
        return run(args, messages)
    except BuildError as exc:
        for problem in exc.problems:
            print(messages.problem(problem), file=sys.stderr)
        print(messages.text(failed(len(exc.problems))), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"karriere: {messages.error(exc)}", file=sys.stderr)
        return 2
    except KarriereError as exc:
        print(f"karriere: {messages.error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the last resort: a file the build could not read or write
        from karriere.base.oserrors import explain

        print(f"karriere: {messages.text(explain(exc))}", file=sys.stderr)
        return 1


def messages_for(args: argparse.Namespace) -> Messages:
    """The editor's language; build and serve keep its compiled catalog in the cache."""
    cache = None
    if args.command in ("build", "serve"):
        from karriere.base.places import cache_folder

        cache = cache_folder(args.site)
    return messages_in(editor_language(getattr(args, "lang", None)), cache)


def failed(count: int):
    if count == 1:
        return say("Build failed: 1 error; the previous output was left untouched.")
    return say("Build failed: {count} errors; the previous output was left untouched.", count=count)


def run(args: argparse.Namespace, messages: Messages) -> int:
    if args.command == "build":
        return cmd_build(args, messages)
    if args.command == "check":
        from karriere.commands.check import cmd_check

        return cmd_check(args, args.date or today(), messages)
    if args.command == "new":
        from karriere.commands.new import cmd_new

        return cmd_new(args, today(), messages)
    if args.command == "schema":
        from karriere.commands.schema import write_schemas

        for path in write_schemas(args.out, args.site):
            print(messages.text(say("Wrote {path}", path=str(path))))
        return 0
    if args.command == "serve":
        from karriere.commands.server import cmd_serve

        return cmd_serve(args, messages)
    raise UsageError(say("unknown command {command!r}", command=args.command))


def cmd_build(args: argparse.Namespace, messages: Messages) -> int:
    from karriere.incremental import noop

    started = time.perf_counter()
    site_dir = args.site
    out_dir = args.out or site_dir / "public"
    day = args.date or today()
    # Nothing changed? Answer before importing the pipeline (pydantic, Jinja, Markdown).
    # (Its few hundred thousand small objects live until it answers: no collector runs.)
    gc.disable()
    try:
        inputs = noop.scan_inputs(site_dir)
        options = noop.options_key(day, args.base_url, args.drafts, False)
        last = noop.unchanged(site_dir, out_dir, options, inputs)
    finally:
        gc.enable()
    if last is not None:
        warnings = [Problem.from_row(w) for w in last["warnings"]]
        return report_build(
            messages, warnings, last["pages"], out_dir, started, 0, 0, len(last["outputs"])
        )
    from karriere.incremental.builder import Builder
    from karriere.pipeline import Request

    request = Request(
        site_dir=site_dir, today=day, drafts=args.drafts, base_url=args.base_url,
        language=messages.language,
    )  # fmt: skip
    report = Builder(request, out_dir).build(inputs=inputs)  # (no second no-op check)
    return report_build(
        messages, report.warnings, report.pages, out_dir, started,
        len(report.written), len(report.deleted), report.unchanged,
    )  # fmt: skip


def report_build(messages, warnings, pages: int, out_dir, started, written, deleted, kept) -> int:
    for warning in warnings:
        print(messages.problem(warning), file=sys.stderr)
    took = time.perf_counter() - started
    built = say(
        "Built {pages} pages into {out_dir} in {took:.2f} s "
        "({written} files written, {deleted} deleted, {kept} unchanged).",
        pages=pages, out_dir=str(out_dir), took=took, written=written, deleted=deleted, kept=kept,
    )  # fmt: skip
    print(messages.text(built))
    return 0
