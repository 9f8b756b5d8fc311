"""Pagefind's bundle in a stable order, so that the same pages give the same bytes.

Pagefind writes its facets from hash maps whose order changes from run to run: the values
inside each filter file, and the lists of filters and sort keys in each language's meta
file (and so their names, which are hashes of their bytes, and the languages in
pagefind-entry.json). This puts them in order and names the files again. The files are
gzip-compressed CBOR after the signature `pagefind_dcd`; the few kinds of CBOR values
Pagefind writes there (text, whole numbers, lists) are read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct

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
    value, _ = decode(raw, len(SIGNATURE))
    return value


def write(value) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), compresslevel=6, mtime=0)


def decode(data: bytes, at: int):
    """(value, next position) of the CBOR item at `at`."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        size = info
    else:
        width = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        size = int.from_bytes(data[at : at + width], "big")
        at += width
    if major == 0:
        return size, at
    if major == 1:
        return -1 - size, at
    if major == 2:
        return data[at : at + size], at + size
    if major == 3:
        return data[at : at + size].decode("utf-8"), at + size
    if major == 4:
        items = []
        for _ in range(size):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise ValueError(say("CBOR item of kind {major} not expected in a Pagefind file", major=major))


def encode(value) -> bytes:
    if value is None or isinstance(value, bool):
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return head(3, len(data)) + data
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(map(encode, value))
    raise TypeError(say("cannot write {kind} as CBOR", kind=type(value).__name__))


def head(major: int, size: int) -> bytes:
    """The shortest head, as Pagefind (and CBOR's preferred form) writes it."""
    if size < 24:
        return bytes([major << 5 | size])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if size < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, size)
    raise ValueError(say("number too large"))
