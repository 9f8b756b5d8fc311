"""Videos in German Sign Language (DGS): their facts, read from the MP4 file.

BITV 2.0, Anlage 2: a DGS video is at least 320×240 pixels and 25 frames per second, and
is offered for download with its file size and running time. `video: {file,
sign_language: true}` makes the page show resolution, running time and size next to a
download link (partials/video.html); a file that cannot be read is an error of the build,
a small or slow one a warning of `check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from karriere.base.deps import note_file
from karriere.base.errors import Problem
from karriere.base.file_facts import file_facts
from karriere.base.messages import say
from karriere.content.mp4 import Mp4Facts, Mp4Problem, read_mp4

MIN_WIDTH, MIN_HEIGHT, MIN_FPS = 320, 240, 25


@dataclass(frozen=True)
class SignVideoFacts:
    """What a DGS video's page says about its file, in German."""

    facts: Mp4Facts

    @property
    def resolution(self) -> str:
        return f"{self.facts.width} × {self.facts.height}"

    @property
    def running_time(self) -> str:
        """'0:05', '1:02:03'."""
        total = round(self.facts.seconds)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def iso_duration(self) -> str:
        """For <time datetime>: 'PT5S', 'PT1M2S'."""
        minutes, seconds = divmod(round(self.facts.seconds), 60)
        return f"PT{minutes}M{seconds}S" if minutes else f"PT{seconds}S"

    @property
    def file_size(self) -> str:
        """German units: '240 KB', '1,4 MB'."""
        size = self.facts.size
        if size < 1000 * 1000:
            return f"{max(1, round(size / 1000))} KB"
        return f"{size / 1000 / 1000:.1f} MB".replace(".", ",")

    @property
    def frame_rate(self) -> str:
        fps = self.facts.fps
        return f"{fps:.0f}" if abs(fps - round(fps)) < 0.01 else f"{fps:.2f}".replace(".", ",")


def facts_of(content_dir: Path, rel: str) -> SignVideoFacts:
    """The facts of a sign-language video file (noted: the page shows them); raises
    Mp4Problem. Read once while the file is unchanged."""
    path = content_dir / rel
    note_file(path)
    return SignVideoFacts(file_facts.of_file(_read, path))


def _read(path: Path) -> Mp4Facts:
    try:
        return read_mp4(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)  # (the system's words)
        raise Mp4Problem(say("it cannot be read ({reason})", reason=reason)) from None


def sign_videos(site) -> list:
    """The placed videos (video.placed_videos) that are in sign language, with a file."""
    return [p for p in site.videos if p.video.sign_language and p.video.file]


def unreadable_problems(site) -> list[Problem]:
    """Build errors: sign-language videos whose facts cannot be read from the file."""
    problems = []
    for placed in sign_videos(site):
        try:
            facts_of(site.config.content_dir, placed.video.file)
        except Mp4Problem as exc:
            message = say(
                "video.file: {file} cannot be read as an MP4 video: {reason} (expected an MP4 "
                "file with a video track, e.g. exported again as H.264 MP4; its resolution, "
                "running time and size are shown on the page)",
                file=placed.video.file, reason=exc.message,
            )  # fmt: skip
            problems.append(Problem(placed.source, placed.line, message))
    return problems


def quality_warnings(site) -> list[Problem]:
    """`check`: BITV 2.0 Anlage 2 asks at least 320×240 and 25 frames per second."""
    found = []
    for placed in sign_videos(site):
        try:
            view = facts_of(site.config.content_dir, placed.video.file)
        except Mp4Problem:
            continue  # the build's error already
        wrong = shortcomings(view)
        if wrong:
            message = say(
                "warning: sign-language video {file}: {wrong} (expected at least 320 × 240 "
                "pixels and 25 frames per second, as BITV 2.0 Anlage 2 asks, so that hands and "
                "faces can be read)",
                file=placed.video.file, wrong=wrong,
            )  # fmt: skip
            found.append(Problem(placed.source, placed.line, message))
    return found


def shortcomings(view: SignVideoFacts):
    """What falls short of BITV 2.0 Anlage 2, as one message (None: nothing)."""
    facts, small, slow = view.facts, None, None
    if facts.width < MIN_WIDTH or facts.height < MIN_HEIGHT:
        small = say("{resolution} pixels is below 320 × 240", resolution=view.resolution)
    if facts.fps < MIN_FPS - 0.01:
        slow = say("{frame_rate} frames per second is below 25", frame_rate=view.frame_rate)
    if small and slow:
        return say("{small}; {slow}", small=small, slow=slow)
    return small or slow
