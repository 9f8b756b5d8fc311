"""karriere's own files and folders in and beside the output folder, and making folders.

A folder a build makes beside the output (or in the cache) is named after the process
that made it, so that a killed build's leftover is told from one a running build uses.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

MARKER = ".karriere-output"
MARKER_TEXT = b"built by karriere; this folder is replaced on every build\n"


def staging_prefix(out_dir: Path) -> str:
    """Names of karriere's own folders beside the output, e.g. '.public.karriere-new-x1y2'."""
    return f".{out_dir.name}.karriere-"


def own_folder(parent: Path, prefix: str) -> Path:
    """A new folder named <prefix><pid>-<random>."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def make_folder(folder: str) -> None:
    """os.makedirs(folder, exist_ok=True) in one call for the common case: a site's
    folders are mostly one level below one that exists."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
