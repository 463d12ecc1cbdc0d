"""Sentences and paragraphs with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "col", "gen", "lt", "capt", "maj", "sgt", "dr", "mr", "mrs", "ms", "st", "no", "vs", "km",
    "approx", "est", "prof", "pres", "gov", "sen", "rep", "u.s", "u.n", "e.g", "i.e", "etc",
    "cf", "al", "fig", "vol", "op", "mt", "ft", "jr", "sr", "inc", "ltd", "co", "m", "mme", "cdt",
}

_BOUNDARY = re.compile(r"""([.!?]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9ÀÂÉÈÊÎÔÛÇ])|\n\s*\n|\n(?=\s*[-*•#]|\s*[A-Z])""")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    paragraph: int = 0


def sentences(text: str) -> list[Span]:
    """Sentences (stripped) with offsets; a blank line or a line break before a capital ends one."""
    spans: list[Span] = []
    start = 0
    paragraph = 0

    def push(a: int, b: int, para: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append(Span(a, b, text[a:b], para))

    for m in _BOUNDARY.finditer(text):
        if m.group(1):
            # "Sept. 17", "Col. Goita", "U.S. forces": not a boundary.
            word = re.search(r"([\w.]+)$", text[start:m.start(1)])
            if word and m.group(1) == "." and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "A. Koufa"
            end = m.end(2)
            push(start, end, paragraph)
            if m.group(3).count("\n") >= 2:
                paragraph += 1
            start = m.end()
        else:
            push(start, m.start(), paragraph)
            paragraph += 1
            start = m.end()
    push(start, len(text), paragraph)
    return spans
