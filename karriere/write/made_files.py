"""Files made from their inputs alone by a costly maker (QR codes), kept in the output
folder from one build to the next rather than in memory or in the cache."""

from __future__ import annotations

from collections.abc import Callable

from karriere.write.output import Kept


class MadeFiles:
    """`records` holds, per output path, the hash of the inputs and the digest of the
    bytes that last build wrote there. A file whose inputs are unchanged goes to the
    writer as Kept, with its maker, which runs only if last build's file is gone or was
    changed (plan.remade)."""

    def __init__(self, records: dict[str, tuple[str, str]] | None = None, manifest=None):
        self.records = records if records is not None else {}
        self.manifest = manifest if manifest is not None else {}  # writer's FileStates
        self.new: dict[str, tuple[str, str]] = {}  # this build's records

    def kept(self, path: str, key: str, make: Callable[[], bytes], origin: str) -> Kept | None:
        """Last build's file at `path` if it was made from the same inputs, else None."""
        if not self.has(path, key):
            return None
        record = self.new[path] = self.records[path]
        return Kept(path, record[1], origin=origin, remake=make)

    def has(self, path: str, key: str) -> bool:
        record = self.records.get(path)
        state = self.manifest.get(path)
        if record is None or state is None:
            return False
        return record[0] == key and state.digest == record[1]

    def remember(self, path: str, key: str, digest: str) -> None:
        self.new[path] = (key, digest)
