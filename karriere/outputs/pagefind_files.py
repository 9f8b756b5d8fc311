"""Pagefind's bundle in a stable order, so that the same pages give the same bytes.

Pagefind writes its facets from hash maps whose order changes from run to run: the values
inside each filter file, and the lists of filters and sort keys in each language's meta
file (and so their names, which are hashes of their bytes, and the languages in
pagefind-entry.json). This puts them in order and names the files again. The files are
gzip-compressed CBOR (read and written with cbor2) after the signature `pagefind_dcd`.
"""

from __future__ import annotations

import gzip
import hashlib
import json

import cbor2

from karriere.base.messages import say

SIGNATURE = b"pagefind_dcd"


def stable(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same bundle with its filter and meta files in order (new names where needed)."""
    out = dict(files)
    renamed: dict[str, str] = {}  # old hash -> new hash (as the meta file lists them)
    for path in [p for p in files if p.startswith("filter/")]:
        name, values = read(files[path])
        data = write([name, sorted(values, key=lambda pair: pair[0])])
        old = path[len("filter/") : -len(".pf_filter")]
        renamed[old] = rename(old, data, 7)
        del out[path]
        out[f"filter/{renamed[old]}.pf_filter"] = data
    entry = json.loads(files["pagefind-entry.json"])
    for language in entry["languages"].values():
        old = language["hash"]
        path = f"pagefind.{old}.pf_meta"
        meta = read(files[path])
        meta[3] = sorted([name, renamed.get(h, h)] for name, h in meta[3])  # filters
        meta[4] = sorted(meta[4], key=lambda pair: pair[0])  # sort keys
        data = write(meta)
        language["hash"] = rename(old, data, 10)
        del out[path]
        out[f"pagefind.{language['hash']}.pf_meta"] = data
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    out["pagefind-entry.json"] = text.encode()
    return out


def rename(old: str, data: bytes, length: int) -> str:
    """`de_1a2b3c4`: the language, and a hash of the new bytes as long as Pagefind's."""
    language = old.rsplit("_", 1)[0]
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def read(data: bytes):
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError(say("not a Pagefind file"))
    try:
        return cbor2.loads(raw[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as exc:
        raise ValueError(say("not a Pagefind file ({reason})", reason=str(exc))) from None


def write(value) -> bytes:
    # cbor2 writes the shortest heads, as Pagefind does: the same bytes for the same value.
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=6, mtime=0)
