"""The day a build treats as today: Europe/Berlin, SOURCE_DATE_EPOCH, or --date."""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from karriere.base.errors import UsageError

BERLIN = ZoneInfo("Europe/Berlin")


def today() -> date:
    """Today in Europe/Berlin, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), BERLIN).date()
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return datetime.now(BERLIN).date()


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None
