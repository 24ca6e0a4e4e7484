"""Text repair and normalisation: mojibake, stray HTML, control characters, accent folding."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

# C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that can
# reorder what a terminal shows. Posting text is untrusted: none of these may reach the screen.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A whole escape sequence (CSI, OSC, single-character), so no parameter debris is left behind;
# an unterminated OSC ends at the line's end (a terminal would swallow all that follows).
_ESCAPE_RE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)?|[@-Z\\-_])"
    # the same in 8-bit form: CSI (without intermediates: `\x9b Next` is a stray byte and a
    # word), and OSC / DCS / APC / PM with their terminator (a stray C1 byte in text,
    # unterminated, is only the byte: it must not eat the rest of a line)
    r"|\x9b[0-?]*[@-~]|[\x90\x9d\x9e\x9f][^\x07\x9c\x1b\n]{0,512}(?:\x07|\x9c|\x1b\\)"
)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
"""Halves of characters: what a file name that is not UTF-8 decodes to; no terminal takes them."""
_MOJIBAKE_HINT_RE = re.compile(
    "[ÂÃâð][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u061c\u180e]")
"""Zero-width and direction marks: invisible, they make a title look like another."""


_ONE_LINE = str.maketrans(dict.fromkeys("\n\t\u2028\u2029", " "))
"""Line and paragraph separators (and tabs) in a one-line field: spaces."""


def clean_field(text: str) -> str:
    """A one-line field as it may reach a terminal: no escape sequences, control, zero-width
    or direction characters (file names are as untrusted as contents)."""
    if text.isascii() and text.isprintable():
        return text
    text = _INVISIBLE_RE.sub("", strip_controls(text))
    return text.translate(_ONE_LINE)


_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Any character `strip_controls` removes or replaces: every escape sequence opens with one."""
_SAFE_ASCII = bytes(b for b in range(128) if not _UNSAFE_RE.match(chr(b)))
"""The ASCII bytes `_UNSAFE_RE` lets through."""


_NO_CONTROL_ASCII = bytes(b for b in range(128) if not _CONTROL_RE.match(chr(b)))
"""The ASCII bytes `_CONTROL_RE` lets through."""


def _safe(text: str) -> bool:
    """Whether the text holds no character `strip_controls` changes: for ASCII text, its bytes
    with every safe one deleted are none (a C loop, ~6x faster than the pattern's scan)."""
    if text.isascii():
        return text.isprintable() or not text.encode("ascii").translate(None, _SAFE_ASCII)
    # Every unsafe character is one `isprintable` refuses (Cc, Cf, Cs); it refuses some safe
    # ones too (a zero-width joiner), which the pattern then looks at.
    spaced = text.replace("\n", " ").replace("\t", " ").replace("\xa0", " ")
    return spaced.isprintable() or not _UNSAFE_RE.search(text)


def _mojibake_hint(text: str) -> bool:
    """Whether non-ASCII text may hold mojibake (`_MOJIBAKE_HINT_RE`), its first characters
    looked for with `in` first (the pattern's scan tries every character)."""
    return any(c in text for c in "ÂÃâð") and _MOJIBAKE_HINT_RE.search(text) is not None


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps newlines and tabs)."""
    if _safe(text):
        return text  # most text: one scan instead of three rewrites
    return _SURROGATE_RE.sub("\ufffd", _CONTROL_RE.sub("", _ESCAPE_RE.sub("", text)))


def has_controls(text: str) -> bool:
    """Whether the text holds a character `strip_controls` removes (an escape, a control). A
    body read back from the load store is checked so: ASCII text by deleting its allowed
    bytes (a C loop), other text by `isprintable` first, as `_safe` does (the pattern's scan
    cost a reopen's loading thread ~30 µs a body)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _NO_CONTROL_ASCII))
    spaced = text.replace("\n", " ").replace("\t", " ").replace("\xa0", " ")
    return not spaced.isprintable() and _CONTROL_RE.search(text) is not None


def repair(text: str) -> str:
    """Fix mojibake and line endings, drop a BOM and control characters."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and _mojibake_hint(text):
        import ftfy  # only postings that look damaged pay for importing it

        # uncurl_quotes=False: curly quotes are correct text, not damage.
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)
    return strip_controls(text)


def clean_inline(value: object) -> str:
    """A single-line field value: repaired, tags stripped, whitespace collapsed."""
    text = repair(str(value))
    if "<" in text or "&" in text:
        text = html.unescape(_TAG_RE.sub(" ", text))
    text = text.replace("\u00a0", " ")
    return " ".join(text.split())


# --- HTML fragments inside Markdown -----------------------------------------------------------

_FENCE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_TAG_RE = re.compile(
    r"<(?!(?!(?:javascript|vbscript|data):)(?:[a-z][a-z0-9+.-]{1,31}://|mailto:|tel:)[^<>\s]*>)"
    r"[^<>]*>",
    re.I,
)
"""A tag, and not a Markdown autolink (`<https://...>`, `<mailto:...>`, `<file:///...>`),
which stays: the text a posting wrote (shown as a link only for http, https and mailto).
A `<javascript:...>` or `<data:...>` goes, as a tag: script, not text a reader wants."""
_TAG_HINT_RE = re.compile(r"<[a-zA-Z/!]")
_ENTITY_HINT_RE = re.compile(r"&[a-zA-Z#]")
"""What HTML opens with: each pattern opens with its own character, which Python's engine
skips to at memory speed (one pattern of both tried at every character, ~4x slower)."""
_ATTR_RE = r"""\s+[^>]*?{0}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""


def _attr(tag: str, name: str) -> str:
    m = re.search(_ATTR_RE.format(name), tag, re.I)
    if not m:
        return ""
    return next(g for g in m.groups() if g is not None)


def _anchor(m: re.Match[str], inner: str) -> str:
    href = _attr(m.group(2) or "", "href")
    inner = inner.strip()
    if not href:
        return inner
    return f"[{inner or href}]({href})"


_BR_RE = re.compile(r"<br\s*/?>", re.I)


def _heading(m: re.Match[str], inner: str) -> str:
    inner = _BR_RE.sub(" ", inner)  # a heading is one line
    return "\n\n" + "#" * int(m.group(1)) + " " + " ".join(inner.split()) + "\n\n"


def _image(m: re.Match[str]) -> str:
    return _attr(m.group(0), "alt")


# Elements with content: an opening tag, then the nearest closing tag of its kind (`{kind}` is
# the opening tag's first group). A tag holds no `<`, so `[^<>]` stops at the next one.
_PAIRS: list[tuple[re.Pattern[str], str, Callable[[re.Match[str], str], str]]] = [
    (re.compile(r"<!--()"), r"-->", lambda m, inner: ""),
    (re.compile(r"<(script|style)\b[^<>]*>", re.I), r"</{kind}\s*>", lambda m, inner: ""),
    (re.compile(r"<(a)(\s[^<>]*)?>", re.I), r"</a\s*>", _anchor),
    (re.compile(r"<h([1-6])[^<>]*>", re.I), r"</h{kind}\s*>", _heading),
]
_HTML_RULES: list[tuple[re.Pattern[str], object]] = [
    (_BR_RE, "  \n"),
    (re.compile(r"<img\b[^<>]*>", re.I), _image),
    (re.compile(r"</?(strong|b)\b[^<>]*>", re.I), "**"),
    (re.compile(r"</?(em|i)\b[^<>]*>", re.I), "*"),
    (re.compile(r"</?code\b[^<>]*>", re.I), "`"),
    (re.compile(r"<li\b[^<>]*>", re.I), "\n* "),
    (
        re.compile(
            r"</(p|div|ul|ol|table|blockquote|section)\s*>|<(p|div|ul|ol|table)\b[^<>]*>", re.I
        ),
        "\n\n",
    ),
    (re.compile(r"</(li|tr)\s*>|<hr\b[^<>]*>", re.I), "\n"),
]


def _pairs(
    text: str,
    opener: re.Pattern[str],
    closer: str,
    replace: Callable[[re.Match[str], str], str],
) -> str:
    """Replace each element from its opening tag to the nearest closing tag of its kind, in
    linear time: once a kind has no closing tag left, later openings of it are not searched
    (`<!--.*?-->` rescans to the end for every unclosed `<!--`: minutes for a crafted file)."""
    out: list[str] = []
    pos = start = 0
    unclosed: set[str] = set()
    closers: dict[str, re.Pattern[str]] = {}
    while (m := opener.search(text, start)) is not None:
        kind = (m.group(1) or "").lower()
        start = m.end()
        if kind in unclosed:
            continue
        if kind not in closers:
            closers[kind] = re.compile(closer.format(kind=re.escape(kind)), re.I)
        c = closers[kind].search(text, m.end())
        if c is None:
            unclosed.add(kind)
            continue
        out += (text[pos : m.start()], replace(m, text[m.end() : c.start()]))
        pos = start = c.end()
    out.append(text[pos:])
    return "".join(out)


_EMPTY_LINK_RE = re.compile(r"\[\s*\]\((https?://[^)\s]+|mailto:[^)\s]+)\)")
_MANY_BLANKS_RE = re.compile(r"\n{3,}")


def _html_to_markdown(chunk: str) -> str:
    for opener, closer, replace in _PAIRS:
        chunk = _pairs(chunk, opener, closer, replace)
    for pattern, repl in _HTML_RULES:
        chunk = pattern.sub(repl, chunk)  # type: ignore[call-overload]
    chunk = _TAG_RE.sub("", chunk)
    chunk = html.unescape(chunk).replace("\u00a0", " ")
    return chunk


def clean_markdown(text: str) -> str:
    """Repair a posting body and turn HTML fragments into Markdown, leaving code blocks alone."""
    text = repair(text)
    if _TAG_HINT_RE.search(text) or _ENTITY_HINT_RE.search(text):
        parts: list[str] = []
        last = 0
        for m in _FENCE_RE.finditer(text):
            parts.append(_html_to_markdown(text[last : m.start()]))
            parts.append(m.group(0))
            last = m.end()
        parts.append(_html_to_markdown(text[last:]))
        text = "".join(parts)
    # A link whose only content was an image (a "button") keeps its address visible.
    text = _EMPTY_LINK_RE.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", text)
    if "\n\n\n" in text:  # (the pattern's own scan costs ~20 µs a body)
        text = _MANY_BLANKS_RE.sub("\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""


# --- Folding for search -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if unicodedata.category(ch)[0] in "PSZC":
        return " "  # non-ASCII punctuation, symbols and spaces separate words
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Lowercase and strip accents, keeping the length so spans map back onto the original."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two; keep offsets exact
        return "".join(_fold_char(c) for c in text)
    return _NON_ASCII_RE.sub(_fold_match, lowered)


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _fold_match(m: re.Match[str]) -> str:
    return _fold_char(m.group(0))


# Bytes that separate words. Letters, digits, '+' and '#' (c++, c#) and every non-ASCII byte
# (letters of other scripts) belong to words; everything else splits.
_WORD_BYTES = set(b"abcdefghijklmnopqrstuvwxyz0123456789+#") | set(range(0x80, 0x100))
SPLIT_TABLE = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))


def lines_at(text: str, positions: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line that holds one of the positions, once each, in order."""
    last_end = -1
    for pos in sorted(positions):
        if pos < last_end:
            continue
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        last_end = len(text) if end < 0 else end
        yield start, last_end


def words(folded: str) -> list[str]:
    """Split already-folded text into words; the single tokenizer for index and query alike."""
    if folded.isascii():
        return folded.encode("ascii").translate(SPLIT_TABLE).decode("ascii").split()
    # Only ASCII bytes are rewritten, so the UTF-8 of other scripts survives the round trip.
    raw = folded.encode("utf-8", "surrogatepass").translate(SPLIT_TABLE)
    return raw.decode("utf-8", "ignore").split()


LOWER_SPLIT_TABLE = bytes(SPLIT_TABLE[b + 32 if 65 <= b <= 90 else b] for b in range(256))
"""The split table, lowercasing ASCII letters on the way."""


def raw_pieces(text: str) -> list[bytes]:
    """Text split at ASCII separators and lowercased in ASCII, as UTF-8; other scripts,
    accents and non-ASCII punctuation are still in the pieces (see `fold_piece`)."""
    return text.encode("utf-8", "surrogatepass").translate(LOWER_SPLIT_TABLE).split()


def fold_piece(piece: bytes) -> list[str]:
    """The folded words of one piece from `raw_pieces`."""
    if piece.isascii():
        return [piece.decode("ascii")]
    return words(fold(piece.decode("utf-8", "surrogatepass")))


def text_words(text: str) -> set[str]:
    """The distinct words of a long text, for the index: split at ASCII separators first,
    then each distinct piece folded, so that folding is done once per piece, not per letter.
    The same as `set(words(fold(text)))` but where lowercasing depends on a neighbouring
    letter across a separator (a Greek final sigma before an apostrophe)."""
    if text.isascii():
        return set(words(text.lower()))
    found: set[str] = set()
    for piece in set(raw_pieces(text)):
        found.update(fold_piece(piece))
    return found


def word_spans(folded: str) -> list[tuple[int, int, str]]:
    """Words of folded text with their character offsets."""
    return [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(folded)]


_WORD_RE = re.compile(r"[a-z0-9+#\u0080-\U0010ffff]+")


def counted(n: int, noun: str) -> str:
    """`1 bookmark`, `2 bookmarks`: a count with its noun."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
