"""Reading the command line: wrong usage is one plain sentence in the editor's language.

argparse checks the options before `--lang` is known, so the language is looked up in the
arguments first (`chosen_language`) and handed to the parser and its option types.
"""

from __future__ import annotations

import argparse
import re

from karriere.base.messages import editor_language, messages_in, say

# argparse's own sentences (English: Python ships no German argparse catalog), as messages.
ARGPARSE = [
    (re.compile(r"argument (?P<name>[^:\s]+): (?P<problem>.*)", re.S), "argument"),
    (re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", re.S), "choice"),
    (re.compile(r"the following arguments are required: (?P<names>.*)", re.S), "required"),
    (re.compile(r"unrecognized arguments: (?P<names>.*)", re.S), "unrecognized"),
    (re.compile(r"expected one argument"), "one"),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", re.S),
        "ambiguous",
    ),
]


def chosen_language(argv: list[str]) -> str | None:
    """The value of --lang among the arguments, if any (not yet checked)."""
    for at, arg in enumerate(argv):
        if arg == "--lang" and at + 1 < len(argv):
            return argv[at + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


def shown(message, language: str | None = None) -> str:
    """A message in the language chosen by --lang, else KARRIERE_LANG, else German."""
    return messages_in(editor_language(language)).text(message)


def argparse_message(text: str):
    """One of argparse's sentences as a translatable message; others stay as they are."""
    for pattern, kind in ARGPARSE:
        found = pattern.fullmatch(text)
        if not found:
            continue
        values = found.groupdict()
        if kind == "argument" and values["name"] == "command":  # (the subcommand's dest)
            return argparse_message(values["problem"])
        if kind == "argument":
            return say(
                "argument {name}: {problem}",
                name=values["name"], problem=argparse_message(values["problem"]),
            )  # fmt: skip
        if kind == "choice":
            return say("invalid choice: {value} (choose from {choices})", **values)
        if kind == "required":
            return say("the following arguments are required: {names}", **values)
        if kind == "unrecognized":
            return say("unrecognized arguments: {names}", **values)
        if kind == "one":
            return say("expected one argument")
        return say("ambiguous option: {option} could match {matches}", **values)
    return text


class Parser(argparse.ArgumentParser):
    """Wrong usage is one plain sentence (and the way to help), not the usage block."""

    def __init__(self, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def error(self, message: str):
        problem = argparse_message(message)
        told = say("{prog}: {problem} (see {prog} --help)", prog=self.prog, problem=problem)
        self.exit(2, shown(told, self.language) + "\n")


def parse_port(text: str, language: str | None = None) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(
            shown(
                say("{text!r} is not a port (expected 1 to 65535, e.g. 8000)", text=text), language
            )
        )
    return int(text)


def parse_base_url(text: str, language: str | None = None) -> str:
    from karriere.base.addresses import base_url_problem

    problem = base_url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(shown(problem, language))
    return text
