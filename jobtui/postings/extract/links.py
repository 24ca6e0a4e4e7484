"""Links: apply URLs and e-mail addresses, Markdown links in titles, and apply links in bodies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobtui.postings.text import lines_at, places

# Nested brackets and the address hold no bracket, and the title no line break, so a match
# attempt that fails stops at the next `[` or line, never at the end of the body
# (`[a]([a]([a](...` or `[[[[...` took seconds for 30 KB: each attempt scanned to the end).
_LINK_RE = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]\n]*\])*)\]"  # the text, with [nested] brackets
    r"\(\s*<?((?:[^()\s<>\[\]]|\([^()\s<>\[\]]*\))+)>?"  # the address, with (balanced) parentheses
    r"(?:[ \t]+[\"'][^)\n]{0,300}[\"'])?\s*\)"  # a "title"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def clean_url(value: str | None) -> str | None:
    """An http(s) or mailto link, or None; a bare e-mail address becomes a mailto link."""
    if not value:
        return None
    value = value.strip().strip("<>\"'")
    if value.lower().startswith("mailto:"):
        address = value[7:].split("?", 1)[0]
        return f"mailto:{address}" if _EMAIL_RE.fullmatch(address) else None
    if re.match(r"https?://[^\s/]+\.[^\s]+", value, re.I):
        return value.split()[0]
    if _EMAIL_RE.fullmatch(value):
        return f"mailto:{value}"
    if re.match(r"www\.[^\s/]+\.\w+", value, re.I):
        return "https://" + value.split()[0]
    return None


def strip_link(text: str) -> tuple[str, str | None]:
    """`[Title](url)` gives the title and the url; plain text is returned as it is."""
    m = _LINK_RE.search(text)
    if not m:
        return strip_emphasis(text), None
    inner = text[: m.start()] + m.group(1) + text[m.end() :]
    return strip_emphasis(inner), clean_url(m.group(2))


def strip_emphasis(text: str) -> str:
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split()).strip(" :-–—|")


_APPLY_TEXT_RE = re.compile(
    r"apply|application|learn more|view (?:the )?(?:job|position|posting)|job posting|more info"
    r"|read more|see (?:the )?(?:job|position)|details|click here",
    re.I,
)
_APPLY_HEADING_RE = re.compile(r"^(?:#+\s*|\*\*|__)?[^\n]{0,40}\b(?:to )?apply\b", re.I | re.M)


_BARE_URL_RE = re.compile(r"(?<![(\[])https?://[^\s<>()\[\]\"'`]+", re.I)
_APPLY_LINE_RE = re.compile(
    r"^[ \t>*_#-]*(?:how[ \t]+to[ \t]+apply|to[ \t]+apply|apply(?:ing)?|postuler|candidatez"
    r"|jetzt[ \t]+bewerben|bewerbung|bewerben|aplicar|solicitar|candidatura|candidarsi"
    r"|solliciteren|sollicitatie)\b(?P<rest>[^\n]*)",
    re.I | re.M,
)
"""A line that starts by saying where to apply, in English or another language."""
_HOW_RE = re.compile(
    r"^[ \t*_]*(?:[:–—-]|(?:here|now|online|today|at|via|on|through|using|by|to|with|ici|hier"
    r"|unter|aqu[ií]|qui)\b)",
    re.I,
)
"""What follows the word when the line says where (`Apply: …`, `Apply at …`), not
`Apply your skills`."""
_LABEL_START_RE = re.compile(r"[^\W\d_][\w .'-]{0,25}:\s")
"""`Follow us: …`, `Privacy policy: …`: a line that is another field."""
_NOT_HERE_RE = re.compile(r"\b(?:not|don't|never|nicht|pas|no)\b", re.I)


def _apply_lines(body: str, low: str, start: int) -> Iterator[re.Match[str]]:
    """The lines from `start` on that start by saying where to apply: only lines that hold
    one of `_APPLY_WORDS` are matched (`low`: the body lowercased)."""
    if len(low) != len(body):  # lowercasing moved places (`İ`): every line
        yield from _APPLY_LINE_RE.finditer(body, start)
        return
    found = [at for word in _APPLY_WORDS for at in places(low, word) if at >= start]
    for line_start, line_end in lines_at(low, found):
        m = _APPLY_LINE_RE.match(body, max(line_start, start), line_end)
        if m is not None:
            yield m


def _bare_apply_address(body: str, low: str, start: int) -> tuple[str, int] | None:
    """A bare address (or e-mail) given where the posting says to apply, from `start` on: on
    the line that says it, in the same sentence and not after a denial (`do not apply via
    …`), or alone on the line just below a line that only says it (`To apply` / an address)."""
    for m in _apply_lines(body, low, start):
        rest, at = m["rest"], m.start("rest")
        found = _first_address(rest)
        heading = m.group(0).lstrip(" \t>*_#-").lower().startswith(("how", "to"))
        if found is not None:
            text, pos = found
            before = rest[:pos]
            says_where = heading or _HOW_RE.match(rest) is not None
            if says_where and ". " not in before and not _NOT_HERE_RE.search(before):
                return text, at + pos
            continue
        if len(rest.strip(" \t:*_-–—!.")) <= 12:  # `To apply:`, `Apply now!`: the next line
            nxt = re.match(r"(?:[ \t]*\n){1,2}[ \t>*_•→-]*([^\n]+)", body[m.end() :])
            if nxt is None or _LABEL_START_RE.match(nxt.group(1)):
                continue  # `Follow us: https://…` is another field
            found = _first_address(nxt.group(1))
            heading = heading or m.group(0).lstrip(" \t>*_").startswith("#")
            # Under a heading, the address in its first line; else only an address alone.
            if (
                found is not None
                and (heading or nxt.group(1).strip(" *_.") == found[0])
                and not _NOT_HERE_RE.search(nxt.group(1)[: found[1]])
            ):
                return found[0], m.end() + nxt.start(1) + found[1]
    return None


def _first_address(text: str) -> tuple[str, int] | None:
    """The first web address or e-mail in a piece of text, cleaned, with where it starts."""
    url = _BARE_URL_RE.search(text)
    email = _EMAIL_RE.search(text)
    if email and (url is None or email.start() < url.start()):
        return f"mailto:{email.group(0)}", email.start()
    if url:
        cleaned = clean_url(url.group(0).rstrip(".,;:!?'\""))
        if cleaned:
            return cleaned, url.start()
    return None


_APPLY_WORDS = ("appl", "postul", "bewerb", "candida", "solicit", "sollicit")
"""Words of the lines `_APPLY_LINE_RE` reads: a body with none is not searched."""


def url_from_body(body: str, low: str | None = None) -> str | None:
    """An apply link: `[APPLY](...)`, a link under "To apply", an address on the line that
    says where to apply, or a link-wrapped button."""
    links = [(m.group(1), clean_url(m.group(2)), m.start()) for m in _LINK_RE.finditer(body)]
    links = [(t, u, p) for t, u, p in links if u]
    for text, url, _ in links:
        if _APPLY_TEXT_RE.search(text) and not text.startswith("!["):
            return url
    heading = _APPLY_HEADING_RE.search(body)
    low = body.lower() if low is None else low  # (`low`: the body lowercased, if at hand)
    said = any(word in low for word in _APPLY_WORDS)
    bare = _bare_apply_address(body, low, heading.start() if heading else 0) if said else None
    if heading:
        after = next(((url, pos) for _text, url, pos in links if pos > heading.start()), None)
        if bare and (after is None or bare[1] < after[1]):
            return bare[0]
        if after is not None:
            return after[0]
        email = _EMAIL_RE.search(body, heading.start())
        if email:
            return f"mailto:{email.group(0)}"
    if bare:
        return bare[0]
    for text, url, _ in links:
        if text.startswith("![") or text == url:  # an image or a bare button wrapped in a link
            return url
    return None
