"""`check`: run every stage but the writer and report problems and warnings."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from .errors import BuildError


def cmd_check(args: argparse.Namespace, today: date) -> int:
    from .pipeline import Request, generate

    result = generate(Request(site_dir=args.site, today=today))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if args.strict and result.warnings:
        raise BuildError(result.warnings)
    print(f"OK: {len(result.site.pages)} pages, {len(result.warnings)} warnings.")
    return 0
