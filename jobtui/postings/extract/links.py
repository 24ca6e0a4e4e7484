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


def url_from_body(body: str) -> str | None:
    """An apply link: `[APPLY](...)`, a link under "To apply", or a link-wrapped button."""
    links = [(m.group(1), clean_url(m.group(2)), m.start()) for m in _LINK_RE.finditer(body)]
    links = [(t, u, p) for t, u, p in links if u]
    for text, url, _ in links:
        if _APPLY_TEXT_RE.search(text) and not text.startswith("!["):
            return url
    heading = _APPLY_HEADING_RE.search(body)
    if heading:
        for _text, url, pos in links:
            if pos > heading.start():
                return url
        email = _EMAIL_RE.search(body, heading.start())
        if email:
            return f"mailto:{email.group(0)}"
    for text, url, _ in links:
        if text.startswith("![") or text == url:  # an image or a bare button wrapped in a link
            return url
    return None
