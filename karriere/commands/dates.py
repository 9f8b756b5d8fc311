"""The day a build treats as today: Europe/Berlin, SOURCE_DATE_EPOCH, or --date."""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from karriere.base.errors import UsageError
from karriere.base.messages import say
from karriere.commands.arguments import shown

BERLIN = ZoneInfo("Europe/Berlin")


def today() -> date:
    """Today in Europe/Berlin, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), BERLIN).date()
        except ValueError:
            raise UsageError(
                say("SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds", epoch=epoch)
            ) from None
    return datetime.now(BERLIN).date()


def parse_date(text: str, language: str | None = None) -> date:
    """--date; `language`: the editor's, for the error (--lang is not yet known)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        problem = say("{text!r} is not a date (expected YYYY-MM-DD)", text=text)
        raise argparse.ArgumentTypeError(shown(problem, language)) from None
