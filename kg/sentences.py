"""Sentence splitting for normalized Chinese news text.

A sentence ends at 。！？； (full- or half-width ! ? ;) unless it is inside a quotation,
and at a line break. Closing quotes and brackets right after a terminator stay with the
sentence (``“…。”``). Newspaper pages wrap lines mid-sentence; line breaks after a clause
that does not end in punctuation and reads as body text (see ``_is_wrap``) are read as such
a wrap and joined (``join_wrapped=False``
splits at every line break). Spans never include leading or
trailing whitespace and are never empty.
"""

from __future__ import annotations

TERMINATORS = frozenset("。！？；!?;")
CLOSERS = frozenset("”’」』）)》】\"'")
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』"}
CLOSE_QUOTES = frozenset(OPEN_QUOTES.values())
LINE_END_PUNCT = frozenset("。！？；!?;：:”’」』）)》】")
WRAP_MIN_LINE = 16
MAX_QUOTE = 200
"""A quotation still open after this many characters is taken as unbalanced: split inside it."""
HEADING_MARKS = ("#", "——", "■", "【", "[")
"""A line at least this long, not ending in punctuation, followed by one line break, is a wrap."""


def split_sentences(text: str, join_wrapped: bool = True) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` (end exclusive).

    >>> t = "他说：“好。”然后走了。\\n第二段"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['他说：“好。”然后走了。', '第二段']
    """
    bounds = _boundaries(text, join_wrapped)
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*bounds, len(text)]:
        span = _trim(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return spans


def _boundaries(text: str, join_wrapped: bool) -> list[int]:
    """Offsets where a sentence ends (exclusive end positions), in order."""
    bounds: list[int] = []
    depth, opened = 0, 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            j = _whitespace_end(text, i)
            if not (join_wrapped and _is_wrap(text, i, j)):
                bounds.append(i)
                depth = 0
            i = j
            continue
        if ch in OPEN_QUOTES:
            depth, opened = depth + 1, (opened if depth else i)
        elif ch in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch in TERMINATORS and (
            depth == 0 or _closes_quote(text, i + 1) or i - opened > MAX_QUOTE
        ):
            j = i + 1
            while j < n and text[j] in CLOSERS:
                j += 1
            depth = 0
            bounds.append(j)
            i = j
            continue
        i += 1
    return bounds


def _closes_quote(text: str, i: int) -> bool:
    """True when a closing quote follows position ``i`` and the quotation ends a sentence.

    ``“…。”`` followed by another opening quote or the end of a line ends the sentence;
    ``“…。”他说`` does not (the sentence continues after the quote).
    """
    if i >= len(text) or text[i] not in CLOSE_QUOTES:
        return False
    j = i
    while j < len(text) and text[j] in CLOSERS:
        j += 1
    return j >= len(text) or text[j] in "\n“「『" or text[j].isspace()


def _whitespace_end(text: str, i: int) -> int:
    """The end of the whitespace run (line breaks included) that starts at ``i``."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_wrap(text: str, i: int, j: int) -> bool:
    """True when the line break(s) in ``text[i:j]`` are a layout wrap inside a sentence.

    The clause before them (since the line start or the last terminator) must not end in
    punctuation and must read as body text: it ends in a comma, or holds two commas, or holds
    one comma or is long and is followed by exactly one line break and no indentation.
    """
    if j >= len(text):
        return False
    line_start = text.rfind("\n", 0, i) + 1
    clause_start = max(line_start, *(text.rfind(t, line_start, i) + 1 for t in TERMINATORS))
    clause = text[clause_start:i].strip()
    if not clause or clause[-1] in LINE_END_PUNCT:
        return False
    if text[line_start:i].lstrip().startswith(HEADING_MARKS):
        return False
    commas = sum(clause.count(c) for c in "，,")
    if clause[-1] in "，、," or commas >= 2:
        return True
    single = text.count("\n", i, j) == 1 and j == i + 1
    return single and (commas == 1 or len(clause) >= WRAP_MIN_LINE)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip whitespace from both ends; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
