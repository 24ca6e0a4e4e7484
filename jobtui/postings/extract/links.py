"""Links: apply URLs and e-mail addresses, Markdown links in titles, and apply links in bodies."""

from __future__ import annotations

import re

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
    r"^[ \t>*_#-]*(?:how[ \t]+to[ \t]+apply|to[ \t]+apply|apply(?:[ \t]+(?:here|now|online|at|via"
    r"|on|through|using|by))?)\b",
    re.I | re.M,
)
"""A line that says where to apply (not `we apply rigor`): a bare address may follow."""
_BARE_URL_REACH = 160
"""How far below the word `apply` a bare address is still its link."""


def url_from_body(body: str) -> str | None:
    """An apply link: `[APPLY](...)`, a link under "To apply", or a link-wrapped button."""
    links = [(m.group(1), clean_url(m.group(2)), m.start()) for m in _LINK_RE.finditer(body)]
    links = [(t, u, p) for t, u, p in links if u]
    for text, url, _ in links:
        if _APPLY_TEXT_RE.search(text) and not text.startswith("!["):
            return url
    heading = _APPLY_HEADING_RE.search(body)
    if heading:
        after = next(((url, pos) for _text, url, pos in links if pos > heading.start()), None)
        # `Apply: https://...`, `Apply at https://...`: a bare address on the line or just below
        said = _APPLY_LINE_RE.search(body, heading.start())
        bare = said and _BARE_URL_RE.search(body, said.start(), said.end() + _BARE_URL_REACH)
        if bare and (after is None or bare.start() < after[1]):
            url = clean_url(bare.group(0).rstrip(".,;:!?'\""))
            if url:
                return url
        if after is not None:
            return after[0]
        email = _EMAIL_RE.search(body, heading.start())
        if email:
            return f"mailto:{email.group(0)}"
    for text, url, _ in links:
        if text.startswith("![") or text == url:  # an image or a bare button wrapped in a link
            return url
    return None
