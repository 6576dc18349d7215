"""Text normalization steps that keep a map back to the decoded original text.

Every step takes and returns a :class:`Mapped` (text + ``offsets``, one source index per
character), so evidence found in normalized text can point at the original file.

Punctuation choice: Chinese punctuation is kept full-width so sentence splitting can rely on it
(。，、；：！？“”《》（）); ASCII ``, ; : ! ? ( )`` next to a Chinese character are mapped to their
full-width forms (seed 001 uses ASCII punctuation in Chinese text). Full-width ASCII letters,
digits and symbols (Ａ-Ｚ, ０-９, ％, ＋ …) become half-width via NFKC, except the Chinese
punctuation above. Whitespace between Chinese characters (or a Chinese character and a digit)
is removed; spaces between Latin words are kept (single).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_RE = re.compile(rf"\(([a-zü]*[{TONE_VOWELS}][a-zü]*)\)|(?<=\?)[a-zü]*[{TONE_VOWELS}][a-zü]*\)")
KEEP_FULLWIDTH = set("，；：！？（）")
ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


@dataclass
class Mapped:
    """Text with, for each character, its index in the decoded original."""

    text: str
    offsets: list[int]

    @classmethod
    def of(cls, text: str) -> Mapped:
        return cls(text, list(range(len(text))))

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> Mapped:
        """``re.sub`` that carries offsets: same-length replacements map 1:1, others to the match start."""
        parts: list[str] = []
        offs: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            parts.append(self.text[pos : m.start()])
            offs.extend(self.offsets[pos : m.start()])
            new = repl(m) if callable(repl) else m.expand(repl)
            parts.append(new)
            if len(new) == m.end() - m.start():
                offs.extend(self.offsets[m.start() : m.end()])
            else:
                anchor = self.offsets[m.start()] if m.start() < len(self.offsets) else (
                    self.offsets[-1] + 1 if self.offsets else 0
                )
                offs.extend([anchor] * len(new))
            pos = m.end()
        parts.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        return Mapped("".join(parts), offs)

    def map_chars(self, func: Callable[[str], str]) -> Mapped:
        """Apply ``func`` to each character (it may return 0..n characters)."""
        parts: list[str] = []
        offs: list[int] = []
        for ch, off in zip(self.text, self.offsets, strict=True):
            new = func(ch)
            parts.append(new)
            offs.extend([off] * len(new))
        return Mapped("".join(parts), offs)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets[start:end])

    @staticmethod
    def join(pieces: list[Mapped], sep: str = "\n") -> Mapped:
        """Join pieces; each separator maps to the start of the piece after it."""
        text: list[str] = []
        offs: list[int] = []
        for i, p in enumerate(pieces):
            if i and sep:
                text.append(sep)
                anchor = p.offsets[0] if p.offsets else (offs[-1] + 1 if offs else 0)
                offs.extend([anchor] * len(sep))
            text.append(p.text)
            offs.extend(p.offsets)
        return Mapped("".join(text), offs)


def remove_pinyin(m: Mapped) -> tuple[Mapped, int]:
    """Drop pinyin annotations with tone marks: ``實(shí)干`` -> ``實干``.

    A damaged annotation whose ``(`` was lost to mojibake (``?nèi)``) is dropped too.

    >>> remove_pinyin(Mapped.of("實(shí)干擔(dān)當(dāng)"))[0].text
    '實干擔當'
    """
    count = len(PINYIN_RE.findall(m.text))
    return m.sub(PINYIN_RE, ""), count


@lru_cache(maxsize=1)
def _opencc():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(m: Mapped) -> tuple[Mapped, int]:
    """Traditional -> simplified with OpenCC t2s; returns the number of characters changed.

    >>> to_simplified(Mapped.of("實干擔當"))[0].text
    '实干担当'
    """
    cc = _opencc()
    lines = m.text.split("\n")
    pieces: list[Mapped] = []
    pos = 0
    for line in lines:
        piece = m.slice(pos, pos + len(line))
        pos += len(line) + 1
        out = cc.convert(line)
        if len(out) == len(line):
            pieces.append(Mapped(out, piece.offsets))
        else:  # phrase conversion changed the length: fall back to characters
            pieces.append(piece.map_chars(cc.convert))
    result = Mapped.join(pieces)
    result.offsets = result.offsets if len(result.text) == len(m.text) else result.offsets
    changed = sum(a != b for a, b in zip(m.text, result.text, strict=False))
    return result, changed


def _width_char(ch: str) -> str:
    if ch in KEEP_FULLWIDTH or ch == "\u3000":
        return ch
    if "\uff01" <= ch <= "\uff5e" or ch in "\u00a0":
        return unicodedata.normalize("NFKC", ch)
    return ch


CN_PUNCT = "“”‘’《》、。（）"
PUNCT_RE = re.compile(rf"(?<=[{CJK}{CN_PUNCT}])[,;:!?]|[,;:!?](?=[{CJK}{CN_PUNCT}])")
PAREN_RE = re.compile(r"\(([^()\n]*)\)")


def _chinese_paren(m: re.Match[str]) -> bool:
    before = m.string[m.start() - 1 : m.start()]
    return bool(CJK_RE.search(m.group(1)) or CJK_RE.match(before))


def normalize_width(m: Mapped) -> tuple[Mapped, int]:
    """Full-width ASCII -> half-width (except Chinese punctuation); Chinese-context ASCII punctuation -> full-width.

    >>> normalize_width(Mapped.of("ＡＩ医疗,２０２５年(试行)"))[0].text
    'AI医疗，2025年（试行）'
    """
    out = m.map_chars(_width_char)
    changed = sum(a != b for a, b in zip(m.text, out.text, strict=False))
    before = out.text
    out = out.sub(PUNCT_RE, lambda mm: ASCII_TO_FULL[mm.group()])
    out = out.sub(PAREN_RE, lambda mm: "（" + mm.group(1) + "）" if _chinese_paren(mm) else mm.group())
    changed += sum(a != b for a, b in zip(before, out.text, strict=False))
    return out, changed


DATELINE_TOKEN_RE = re.compile(r"(?:^|\n)(?:本报讯|长江日报讯|湖北日报讯)$")
SPACE_RE = re.compile(
    rf"(?<=[{CJK}\u3000-\u303f\uff00-\uffef“”‘’《》、])[ \t\u3000\u00a0]+"
    rf"|[ \t\u3000\u00a0]+(?=[{CJK}\u3000-\u303f\uff00-\uffef“”‘’《》、])"
)


def remove_cjk_spaces(m: Mapped) -> tuple[Mapped, int]:
    """Remove spaces touching Chinese characters or punctuation; keep spaces between Latin words.

    >>> remove_cjk_spaces(Mapped.of("近 5000 家 Apple 的 macOS"))[0].text
    '近5000家Apple的macOS'
    >>> remove_cjk_spaces(Mapped.of("AI for Science标杆"))[0].text
    'AI for Science标杆'

    The space after a bare dateline (``本报讯 2025中国…``) is kept: it separates the dateline
    from the first sentence.
    """
    m2 = m.sub(re.compile(r"^[ \t\u3000]+|[ \t\u3000]+$", re.M), "")
    count = len(SPACE_RE.findall(m2.text))

    def drop(mm: re.Match[str]) -> str:
        after_dateline = DATELINE_TOKEN_RE.search(mm.string, 0, mm.start())
        return " " if after_dateline else ""

    out = m2.sub(SPACE_RE, drop)
    out = out.sub(re.compile(r"(?<=\d) +(?=[{CJK}])".replace("{CJK}", CJK)), "")
    return out.sub(re.compile(r"[ \t]{2,}"), " "), count


TERMINAL = "。！？!?；;…”’」』）)】"
SENTENCE_END_RE = re.compile(r"(?:[。！？!?；;…]|[。！？!?…][”’」』）)])$|——$")
BODY_PUNCT_RE = re.compile(r"[，、。；：,;]")


def display_width(line: str) -> int:
    """Columns a line takes in print: wide (Chinese) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.strip())


def char_width(line: str) -> int:
    """Columns a line takes when every character counts 2 (text wrapped every N characters)."""
    return 2 * len(line.strip())


def _exact_fit(widths: list[int]) -> int:
    """How many of ``widths`` equal the most common width (a fixed wrap puts most lines there)."""
    if not widths:
        return 0
    counts: dict[int, int] = {}
    for w in widths:
        counts[w] = counts.get(w, 0) + 1
    return max(counts.values())


def width_measure(lines: list[str]) -> Callable[[str], int]:
    """The width measure the text was wrapped by: display columns, or characters when the text
    was cut every N characters whatever their width (Latin letters then make a full line look
    short in display columns); characters only when most lines have one length and clearly more
    lines end at one width in characters than in display columns."""
    nonblank = [ln for ln in lines if ln.strip()]
    by_display = _exact_fit([display_width(ln) for ln in nonblank])
    by_chars = _exact_fit([char_width(ln) for ln in nonblank])
    fixed = by_chars >= 5 and 2 * by_chars >= len(nonblank) and by_chars > 1.5 * by_display
    return char_width if fixed else display_width


def ends_sentence(line: str) -> bool:
    """True when a line ends a sentence (so the layout break is a real one).

    >>> ends_sentence("入达350亿元。"), ends_sentence("组建了总规模30亿元首支10亿元健康产业")
    (True, False)
    """
    return bool(SENTENCE_END_RE.search(line.rstrip()))


def is_body_block(lines: list[str]) -> bool:
    """A block of running text (has commas or stops), as opposed to headlines or lists."""
    return any(BODY_PUNCT_RE.search(line) for line in lines)


@dataclass
class Paragraph:
    """One paragraph after line joining; ``head`` marks lines of a headline/list block."""

    text: Mapped
    head: bool
    block_start: bool


def split_lines(m: Mapped) -> list[Mapped]:
    """Split on newlines, dropping the newline characters."""
    lines: list[Mapped] = []
    pos = 0
    for line in m.text.split("\n"):
        lines.append(m.slice(pos, pos + len(line)))
        pos += len(line) + 1
    return lines


def _latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _glue(a: Mapped, b: Mapped, cut: bool = False) -> Mapped:
    """Join two broken lines: nothing between Chinese, one space between Latin words.

    ``cut``: the line filled its column exactly, so a break between two Latin letters cut a
    word (``Northlight Cap|ital``) and the halves join without a space.
    """
    left, right = a.text.rstrip(), b.text.lstrip()
    a2 = a.slice(0, len(left))
    b2 = b.slice(len(b.text) - len(right), len(b.text))
    latin = bool(left and right and _latin_letter(left[-1]) and _latin_letter(right[0]))
    mid_word = cut and len(left) == len(a.text) and len(right) == len(b.text) and _word_goes_on(left, right)
    return Mapped.join([a2, b2], " " if latin and not mid_word else "")


LATIN_TAIL_RE = re.compile(r"[A-Za-z]+$")
LATIN_HEAD_RE = re.compile(r"^[A-Za-z]+")


def _word_goes_on(left: str, right: str) -> bool:
    """Does the Latin word ending ``left`` go on in ``right``? Yes when ``right`` goes on in lower
    case (``Cap|ital``) or both halves are capitals (``I|DG``); a capitalised word (``Blue|Harbor``)
    starts a new word.

    >>> _word_goes_on("Northlight Cap", "ital跟投"), _word_goes_on("I", "DG资本"), _word_goes_on("Blue", "Harbor")
    (True, True, False)
    """
    tail, head = LATIN_TAIL_RE.search(left), LATIN_HEAD_RE.match(right)
    if not tail or not head:
        return False
    return head.group().islower() or (tail.group().isupper() and head.group().isupper())


@lru_cache(maxsize=1)
def word_freq() -> dict[str, int]:
    """jieba's dictionary word frequencies (loaded once, quietly)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


def is_word(text: str) -> bool:
    """True when ``text`` is a word in jieba's dictionary."""
    return word_freq().get(text, 0) > 0


def crosses_word(left: str, right: str) -> bool:
    """True when a dictionary word spans the end of ``left`` and the start of ``right``.

    >>> crosses_word("产业创新的主", "导模式"), crosses_word("发展空间", "10月19日")
    (True, False)
    """
    left, right = left.rstrip(), right.lstrip()
    return any(
        is_word(left[len(left) - a :] + right[:b])
        for a in (1, 2, 3)
        for b in (1, 2, 3)
        if a + b <= 5 and len(left) >= a and len(right) >= b
    )


def _column_width(widths: list[int]) -> int | None:
    """The widest width that at least three of ``widths`` reach within three columns (the column
    a block of text fills), or None; a stray wide line (a headline, the next column) does not count."""
    for w in sorted(set(widths), reverse=True):
        if sum(w - 3 <= x <= w for x in widths) >= 3:
            return w
    return None


def _column_widths(lines: list[str], window: int = 4, measure: Callable[[str], int] = display_width) -> list[int]:
    """Column width at each line: the narrower of the columns just before and just after it
    (where two articles with different column widths meet, a line belongs to one of them)."""
    widths = [measure(line) for line in lines]
    out = []
    for i in range(len(lines)):
        sides = [_column_width(widths[max(0, i - window) : i + 1]), _column_width(widths[i : i + window + 1])]
        known = [c for c in sides if c is not None]
        near = widths[max(0, i - window) : i + window + 1]
        whole = _column_width(near)
        second = sorted(near, reverse=True)[min(1, len(near) - 1)]
        out.append(min(known) if known else whole if whole is not None else second)
    return out


DATELINE_RE = re.compile(r"^\s*(长江日报讯|湖北日报讯|本报讯|新华社.{2,6}电|央广网.{2,8}消息)")
"""a dateline opens running text even when its first line has no comma"""
PAIRS = ("“”", "《》", "（）")


def inside_quote(line: str) -> bool:
    """True when ``line`` ends inside an open quotation, title or parenthesis (``…探索”“打``).

    >>> inside_quote("“在全面深化改革和扩大高水平开放上勇于探索”“打"), inside_quote("“投早投小投创新”。")
    (True, False)
    """
    return any(line.count(a) > line.count(b) for a, b in PAIRS)


CREDIT_LINE_RE = re.compile(r"^\s*(策划|撰文|文字|摄影|图片|编辑|责编|统筹|监制|记者|通讯员)[：:]")


@lru_cache(maxsize=1)
def dangling_ends() -> frozenset[str]:
    """Characters a paragraph cannot end with (``kg/resources/ingest/dangling_ends.txt``)."""
    from importlib import resources

    text = resources.files("kg.resources.ingest").joinpath("dangling_ends.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def dangles(line: str) -> bool:
    """True when ``line`` ends with a word that needs a continuation (``机构并``, ``，在``)."""
    line = line.rstrip()
    if not line or line[-1] not in dangling_ends():
        return False
    return line[-1] in "，、" or not is_word(line[-2:])


def _continues(
    line: str, nxt: str, width: int, blank: bool, paragraph_width: int, in_body: bool,
    measure: Callable[[str], int] = display_width,
) -> bool:
    """Is ``nxt`` the continuation of ``line`` broken by the layout?"""
    w = measure(line)
    if width > paragraph_width or ends_sentence(line) or w < min(0.75 * width, width - 6):
        return False
    body_a = bool(BODY_PUNCT_RE.search(line) or DATELINE_RE.match(line))
    body_b = bool(BODY_PUNCT_RE.search(nxt))
    if dangles(line) and (body_a or body_b):
        return True
    if CREDIT_LINE_RE.match(line) or CREDIT_LINE_RE.match(nxt):
        return False
    if inside_quote(line):
        return True
    if not blank and in_body and w >= width - 2:
        return True  # a full line inside running text, even without punctuation
    if not blank and w >= width and crosses_word(line, nxt):
        return True  # a line filled to the column that breaks a word (武汉澜海合成生物科技有|限公司)
    if not (body_a or body_b):
        return False
    if not blank:
        return True
    if crosses_word(line, nxt):
        return True
    return body_a and body_b and w >= 0.85 * width  # across a blank line only a full line continues


def join_layout_lines(m: Mapped, paragraph_width: int = 80) -> tuple[list[Paragraph], int]:
    """Join lines broken by the page layout; returns paragraphs and the number of joins.

    A line is continued by the next non-blank line when it does not end a sentence, fills its
    column (close to the widest line around it), the column is narrower than ``paragraph_width``
    (wider lines are paragraphs already), and one of the two lines is running text (has
    commas/stops). Across a blank line both must be running text, or a dictionary word must
    span the break (``主|导模式``). Headline lines are never joined, unless a line filled to its
    column breaks a dictionary word. Widths are display columns, or characters for text cut every
    N characters (:func:`width_measure`).

    >>> paras, n = join_layout_lines(Mapped.of("组建了总规模30亿元首支10亿元健康产业\\n发展基金群，这是我省首支。"))
    >>> [p.text.text for p in paras], n
    (['组建了总规模30亿元首支10亿元健康产业发展基金群，这是我省首支。'], 1)
    """
    lines = [ln for ln in split_lines(m)]
    texts = [ln.text for ln in lines]
    nonblank = [i for i, t in enumerate(texts) if t.strip()]
    measure = width_measure(texts)
    widths = dict(zip(nonblank, _column_widths([texts[i] for i in nonblank], measure=measure), strict=True))
    paras: list[Paragraph] = []
    joins = 0
    prev: int | None = None
    for i in nonblank:
        blank = prev is not None and i - prev > 1
        in_body = bool(paras) and bool(BODY_PUNCT_RE.search(paras[-1].text.text))
        if prev is not None and _continues(texts[prev], texts[i], widths[prev], blank, paragraph_width, in_body, measure):
            paras[-1].text = _glue(paras[-1].text, lines[i], cut=measure(texts[prev]) >= widths[prev])
            joins += 1
        else:
            body = bool(BODY_PUNCT_RE.search(texts[i])) or display_width(texts[i]) > paragraph_width
            paras.append(Paragraph(lines[i], head=not body, block_start=prev is None or blank))
        prev = i
    for p in paras:
        p.head = p.head and not BODY_PUNCT_RE.search(p.text.text)
    return paras, joins


UNKNOWN = -1
RARE_FREQ = 500
MIN_GAIN = 1.5
"""a repair must raise the mean log-probability per character by this much (natural log)"""
NORMAL_FLOOR = -7.5
"""and reach this score: 98 % of 16-character windows of clean seed text score higher"""
MIN_COVERED = 0.75
"""share of a repair's Chinese characters inside dictionary words (or very common on their own)"""
MIN_MARGIN = 3.0
"""a brute-forced character must beat the runner-up by this log-probability (20 times likelier)"""
COMMON_FREQ = 100_000
"""的, 是, 等 ... stand alone in normal text"""
CJK_SEG_RE = re.compile(f"[{CJK}\U00020000-\U0003134f]+")


def _simplify_chars(text: str) -> str:
    """t2s character by character (keeps positions aligned)."""
    cc = _opencc()
    return "".join(c2 if len(c2 := cc.convert(c)) == 1 else c for c in text)


def _covered(text: str) -> list[bool]:
    """Which characters lie inside some 2-4 character dictionary word."""
    cov = [False] * len(text)
    for i in range(len(text)):
        for n in (2, 3, 4):
            if i + n <= len(text) and is_word(text[i : i + n]):
                for k in range(i, i + n):
                    cov[k] = True
    return cov


def plausibility(text: str) -> float:
    """Mean log-probability per Chinese character of jieba's best segmentation (higher = more like Chinese).

    Punctuation, digits and Latin letters are left out (they split the text into segments), so a
    quotation mark costs nothing and an unknown character costs the most.
    """
    import jieba

    word_freq()
    simple = _simplify_chars(text)
    total, n = 0.0, 0
    for seg in CJK_SEG_RE.findall(simple):
        route: dict[int, tuple[float, int]] = {}
        jieba.dt.calc(seg, jieba.dt.get_DAG(seg), route)
        total += route[0][0]
        n += len(seg)
    return total / n if n else 0.0


def _is_symbol(ch: str) -> bool:
    return "\u2500" <= ch <= "\u257f" or ch == "\ufffd"


def _run_end(text: str, cov: list[bool], i: int) -> int:
    j = i
    while j < len(text):
        c = text[j]
        if (CJK_RE.match(c) and not cov[j]) or _is_symbol(c) or c == "?":
            j += 1
        elif c.isascii() and c.isalpha() and j > i and CJK_RE.match(text[j - 1]) and (
            j + 1 >= len(text) or not (text[j + 1].isascii() and text[j + 1].isalnum())
        ):
            j += 1  # a lone Latin letter inside Chinese: a byte out of step
        else:
            break
    return j


def find_mojibake(text: str) -> list[tuple[int, int]]:
    """Runs of mis-decoded bytes: no dictionary words, rare characters, and a tell-tale sign
    (``?``, a box-drawing character or a lone Latin letter inside Chinese).

    Runs without such a sign (rare names such as 栾嘉雯) are left alone.

    >>> t = "但传统商贸大区也面临转型压力!拔覀內钡牟皇钱a能,而是能力"
    >>> [t[a:b] for a, b in find_mojibake(t)]
    ['拔覀內钡牟皇钱a能']
    """
    simple = _simplify_chars(text)
    cov = _covered(simple)
    freq = word_freq()
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if not ((CJK_RE.match(text[i]) and not cov[i]) or _is_symbol(text[i])):
            i += 1
            continue
        start = i - 1 if i and text[i - 1] == "。" and _is_symbol(text[i]) else i
        j = _run_end(text, cov, i)
        chars = [c for c in simple[start:j] if CJK_RE.match(c)]
        rare = sum(freq.get(c, 0) < RARE_FREQ for c in chars)
        sign = any(c == "?" or _is_symbol(c) or c.isascii() for c in text[start:j])
        if sign and len(chars) >= 2 and rare >= 2:
            runs.append((start, j))
        i = max(j, i + 1)
    return runs


def _unit_options(ch: str) -> list[list[int]]:
    """Byte sequences a character of a mis-decoded run may stand for (UNKNOWN = lost byte).

    ``?`` is a full-width ``？`` (A3 BF) or a pair the decoder could not read (two lost bytes);
    an ASCII letter or digit is itself (a byte that fell back into step) or its full-width form
    (A3 xx, made half-width by a later normalization).
    """
    if ch == "?":
        return [[0xA3, 0xBF], [UNKNOWN, UNKNOWN]]
    if ch.isascii():
        opts = [[ord(ch)]]
        if ch.isalnum():
            opts.append(list(chr(ord(ch) + 0xFEE0).encode("gbk")))
        return opts
    try:
        return [list(ch.encode("gbk"))]
    except UnicodeEncodeError:
        return []


def _decode_pairs(data: list[int]) -> list[list[int]] | None:
    """Split a byte list into GBK characters (1 or 2 bytes); None when it does not parse."""
    units: list[list[int]] = []
    k = 0
    while k < len(data):
        b = data[k]
        if b == UNKNOWN or b >= 0x81:
            if k + 1 >= len(data):
                return None
            units.append(data[k : k + 2])
            k += 2
        else:
            units.append([b])
            k += 1
    return units


LOST = "\u25a1"
"""□, the printer's mark for a character that cannot be recovered"""
OPENERS = "“‘（《"
CLOSERS = "”’）》"


def _known_char(ch: str) -> bool:
    """A Chinese character jieba's dictionary knows (after t2s)."""
    return bool(CJK_RE.match(ch)) and is_word(_simplify_chars(ch))


@lru_cache(maxsize=4096)
def _slot_choices(unit: tuple[int, ...]) -> tuple[str, ...]:
    """Characters a GBK unit with lost bytes may have been (a lost byte is brute-forced)."""
    lost = [k for k, b in enumerate(unit) if b == UNKNOWN]
    out: list[str] = []
    if len(lost) == len(unit) > 1:
        return (LOST,)  # a whole character lost: nothing to go on
    ranges = [range(0x81, 0xFF) if k == 0 else range(0x40, 0xFF) for k in lost]
    import itertools

    for values in itertools.product(*ranges):
        data = list(unit)
        for k, v in zip(lost, values, strict=True):
            data[k] = v
        try:
            ch = bytes(data).decode("gbk")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and (ch in OPENERS + CLOSERS or _known_char(ch)):
            out.append(ch)
    return tuple(out)


def _fill(units: list[list[int]], left: str, right: str) -> str | None:
    """Decode units, choosing each lost byte so that the run reads best in its context.

    Lost bytes are brute-forced over the GBK range, one character at a time, twice over (so that
    two neighbouring lost characters settle together). A lost lead byte at the very start of a run
    that follows punctuation (or starts the text) is a quotation mark when one fits.
    """
    chars: list[str] = []
    slots: list[tuple[int, tuple[str, ...]]] = []
    for unit in units:
        if UNKNOWN in unit:
            choices = _slot_choices(tuple(unit))
            if not choices:
                return None
            slots.append((len(chars), choices))
            chars.append(choices[0])
            continue
        try:
            chars.append(bytes(unit).decode("gbk"))
        except UnicodeDecodeError:
            return None
    fixed: set[int] = set()
    after_break = not left or not CJK_RE.match(left[-1])
    for idx, choices in slots:
        quotes = [c for c in choices if c in OPENERS + CLOSERS]
        if idx == 0 and after_break and quotes:
            chars[0] = quotes[0]
            fixed.add(idx)
    unsure: set[int] = set()
    for _ in range(2):
        for idx, choices in slots:
            if idx in fixed or choices == (LOST,):
                continue
            lo, hi = max(0, idx - 4), idx + 5
            head = (left if lo == 0 else "") + "".join(chars[lo:idx])
            tail = "".join(chars[idx + 1 : hi]) + (right if hi >= len(chars) else "")
            n = len(CJK_RE.findall(head + tail)) + 1
            scored = sorted(
                ((plausibility(head + c + tail) * n, c) for c in choices if CJK_RE.match(c)), reverse=True
            )
            if not scored:
                chars[idx] = LOST
                continue
            chars[idx] = scored[0][1]
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else float("inf")
            if margin < MIN_MARGIN:
                unsure.add(idx)
            else:
                unsure.discard(idx)
    for idx in unsure:
        chars[idx] = LOST
    return _blank_uncertain(chars, [i for i, _ in slots if i not in fixed], left, right)


def _blank_uncertain(chars: list[str], slots: list[int], left: str, right: str) -> str:
    """Replace a brute-forced character by ``LOST`` unless it sits inside a dictionary word.

    A unigram model prefers frequent characters (我們时的 over 我們缺的), so a guess is kept
    only when a word of two or more characters confirms it.
    """
    simple = _simplify_chars(left + "".join(chars) + right)
    cov = _covered(simple)
    for idx in slots:
        if not cov[len(left) + idx] or len(chars[idx]) != 1:
            chars[idx] = LOST
    return "".join(chars)


def repair_candidates(run: str, left: str = "", right: str = "") -> list[str]:
    """Possible original texts of a mojibake run.

    Corruption model (seed 001): the original (traditional) text was encoded in GBK and decoded
    one byte out of step -- the first byte lost (``“我們`` A1B0 CED2 8283 read from B0 gives
    ``拔覀``) or one byte too many; ASCII bytes bring the decoder back into step, a pair it cannot
    read comes out as ``?``. Both alignments are tried, with and without a lost byte at the end,
    and, the other way round, UTF-8 bytes read as GBK.
    """
    import itertools

    cands: list[str] = []
    options = [_unit_options(c) for c in run]
    if any(not o for o in options):
        return cands
    for combo in itertools.islice(itertools.product(*options), 16):
        data = [b for unit in combo for b in unit]
        for body in ([UNKNOWN, *data], data[1:]):
            for tail in ([], [UNKNOWN]):
                units = _decode_pairs(body + tail)
                if units and (text := _fill(units, left, right)):
                    cands.append(text)
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        cands.append(run.encode("gbk").decode("utf-8"))
    return list(dict.fromkeys(cands))


def best_repair(run: str, left: str, right: str) -> str | None:
    """The repair of ``run`` that reads clearly better in context, or None.

    Accepted only when it raises the score per character by ``MIN_GAIN`` over the run as it
    stands, scores like normal text (``NORMAL_FLOOR``), and most of its Chinese characters sit
    inside dictionary words.
    """
    base = plausibility(left + run + right)
    scored = [(plausibility(left + c + right), c) for c in repair_candidates(run, left, right)]
    if not scored:
        return None
    score, cand = max(scored, key=lambda sc: sc[0])
    simple = _simplify_chars(cand)
    cjk = [k for k, c in enumerate(simple) if CJK_RE.match(c)]
    cov = _covered(_simplify_chars(left) + simple + _simplify_chars(right))[len(left) : len(left) + len(simple)]
    freq = word_freq()
    covered = sum(cov[k] or freq.get(simple[k], 0) >= COMMON_FREQ for k in cjk) / max(1, len(cjk))
    if score - base >= MIN_GAIN and score >= NORMAL_FLOOR and covered >= MIN_COVERED:
        return cand
    return None


def _replace(m: Mapped, start: int, end: int, new: str) -> Mapped:
    """Put a repaired run in place; repaired character k came mostly from bytes of run character k-1."""
    n_old = end - start
    offs = [m.offsets[start + min(max(0, k - 1), n_old - 1)] for k in range(len(new))]
    return Mapped(m.text[:start] + new + m.text[end:], m.offsets[:start] + offs + m.offsets[end:])


def repair_mojibake(m: Mapped) -> tuple[Mapped, int, list[tuple[int, int, str, str]]]:
    """Repair mojibake runs where provably better; mark the others.

    A character of a repaired run that cannot be recovered is written ``□`` and marked.
    Returns the text, the number of runs repaired and (source start, source end, kind, note)
    for runs left in place (kind ``mojibake``).
    """
    marks: list[tuple[int, int, str, str]] = []
    repaired = 0
    for start, end in reversed(find_mojibake(m.text)):
        fix = None
        for k in range(4):  # the run may begin a few characters earlier than detected
            a = start - k
            if a < 0 or k and not (CJK_RE.match(m.text[a]) or _is_symbol(m.text[a])):
                break
            left, right = m.text[max(0, a - 4) : a], m.text[end : end + 4]
            if (cand := best_repair(m.text[a:end], left, right)) is not None:
                fix = (a, cand)
                break
        if fix is not None:
            m = _replace(m, fix[0], end, fix[1])
            repaired += 1
            for k, ch in enumerate(fix[1]):
                if ch == LOST:
                    src = m.offsets[fix[0] + k]
                    marks.append((src, src + 1, "mojibake", "character lost in a repaired run"))
        else:
            run = m.text[start:end]
            marks.append((m.offsets[start], m.offsets[end - 1] + 1, "mojibake", f"unrepaired: {run}"))
    return m, repaired, marks
