"""Facts of an MP4 video from its own boxes (ISO base media file format, ISO/IEC 14496-12).

Sign-language videos must show their resolution, running time and file size, and be at
least 320×240 at 25 frames per second (BITV 2.0, Anlage 2). This reads the first video
track's `tkhd` (display size), `mdhd` (time scale, duration) and `stts` (sample times)
without running a decoder. Only the `moov` box is read; `mdat`, the media data, is
skipped by seeking.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from karriere.base.messages import say

MOOV_MAX = 64 << 20  # bytes; a moov box this big is not a short sign-language clip
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts"}


class Mp4Problem(Exception):
    """The file cannot be read as an MP4 video; `message` says why."""

    def __init__(self, message: str):  # a say(...) Message, for the editor
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Mp4Facts:
    width: int
    height: int
    fps: float  # frames per second, averaged over the track
    seconds: float  # running time of the video track
    size: int  # bytes of the file


def read_mp4(path: Path | str) -> Mp4Facts:
    """The facts of the first video track; raises Mp4Problem."""
    path = Path(path)
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        moov = _find_moov(fh, size)
    for trak in _children(moov, b"trak"):
        facts = _video_track(trak)
        if facts is not None:
            width, height, fps, seconds = facts
            return Mp4Facts(width, height, fps, seconds, size)
    raise Mp4Problem(say("it has no video track"))


def _find_moov(fh, size: int) -> bytes:
    at = 0
    while at + 8 <= size:
        fh.seek(at)
        head = fh.read(16)
        length, kind = struct.unpack(">I4s", head[:8])
        header = 8
        if length == 1:
            if len(head) < 16:
                raise Mp4Problem(say("it ends inside a box header"))
            length, header = struct.unpack(">Q", head[8:16])[0], 16
        elif length == 0:
            length = size - at
        if length < header or at + length > size:
            raise Mp4Problem(
                say("its box {box} at byte {at} has an impossible length", box=_name(kind), at=at)
            )
        if kind == b"moov":
            if length > MOOV_MAX:
                raise Mp4Problem(say("its moov box is larger than 64 MB"))
            fh.seek(at + header)
            return fh.read(length - header)
        at += length
    raise Mp4Problem(say("it has no moov box (the index of the video), or is not an MP4 file"))


def _boxes(data: bytes):
    """(type, payload) of each box in `data`."""
    at = 0
    while at + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, at)
        header = 8
        if length == 1 and at + 16 <= len(data):
            length, header = struct.unpack_from(">Q", data, at + 8)[0], 16
        elif length == 0:
            length = len(data) - at
        if length < header or at + length > len(data):
            raise Mp4Problem(say("its box {box} has an impossible length", box=_name(kind)))
        yield kind, data[at + header : at + length]
        at += length


def _children(data: bytes, kind: bytes) -> list[bytes]:
    return [payload for found, payload in _boxes(data) if found == kind]


def _child(data: bytes, *path: bytes) -> bytes | None:
    for kind in path:
        found = _children(data, kind)
        if not found:
            return None
        data = found[0]
    return data


def _video_track(trak: bytes) -> tuple[int, int, float, float] | None:
    hdlr = _child(trak, b"mdia", b"hdlr")
    if hdlr is None or len(hdlr) < 12 or hdlr[8:12] != b"vide":
        return None
    tkhd, mdhd = _child(trak, b"tkhd"), _child(trak, b"mdia", b"mdhd")
    stts = _child(trak, b"mdia", b"minf", b"stbl", b"stts")
    if tkhd is None or mdhd is None or stts is None:
        raise Mp4Problem(say("its video track lacks a tkhd, mdhd or stts box"))
    try:
        width, height = _display_size(tkhd)
        timescale, duration = _media_time(mdhd)
        frames, ticks = _sample_times(stts)
    except struct.error:
        raise Mp4Problem(say("a box of its video track is cut short")) from None
    if timescale == 0:
        raise Mp4Problem(say("its video track has a time scale of 0"))
    ticks = ticks or duration
    if frames == 0 or ticks == 0:
        raise Mp4Problem(say("its video track has no frames"))
    return width, height, frames * timescale / ticks, (duration or ticks) / timescale


def _display_size(tkhd: bytes) -> tuple[int, int]:
    at = 4 + (32 if tkhd[0] == 1 else 20) + 8 + 8 + 36  # after version, times, ids, matrix
    width, height = struct.unpack_from(">II", tkhd, at)
    return round(width / 65536), round(height / 65536)


def _media_time(mdhd: bytes) -> tuple[int, int]:
    if mdhd[0] == 1:
        return struct.unpack_from(">IQ", mdhd, 4 + 16)
    return struct.unpack_from(">II", mdhd, 4 + 8)


def _sample_times(stts: bytes) -> tuple[int, int]:
    (count,) = struct.unpack_from(">I", stts, 4)
    frames = ticks = 0
    for n in range(count):
        samples, delta = struct.unpack_from(">II", stts, 8 + 8 * n)
        frames += samples
        ticks += samples * delta
    return frames, ticks


def _name(kind: bytes) -> str:
    return repr(kind.decode("latin-1"))
