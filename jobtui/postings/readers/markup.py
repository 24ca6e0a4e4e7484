"""HTML from boards and pages turned into Markdown, the one form bodies take.

markdownify (over Beautiful Soup) converts lists, ordered lists, tables, code blocks and links
as a reader expects; the hand-written `clean_markdown` only knows inline tags. Its output is
still cleaned by the loader like any body: the HTML is untrusted.
"""

from __future__ import annotations

import html
import re
import warnings

_ESCAPED_TAG_RE = re.compile(r"&(?:amp;)*lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[\s/&]")
_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[\s/>]")
_BLANKS_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_DROPPED = ["script", "style", "noscript", "iframe", "svg", "form", "button", "template", "img"]
"""Not text: images in descriptions are logos and banners (a terminal shows only their alt)."""
MAX_UNESCAPE = 3
"""Boards escape HTML once, sometimes twice; more is no longer markup but text about it."""


def unescape_html(text: str) -> str:
    """HTML that a board escaped once or twice (`&lt;p&gt;`, `&amp;lt;p&amp;gt;`) made HTML
    again; text that holds real tags, or no escaped tag at all, is left as it is."""
    for _ in range(MAX_UNESCAPE):
        if _TAG_RE.search(text) or not _ESCAPED_TAG_RE.search(text):
            break
        text = html.unescape(text)
    return text


TANGLE_LIMIT = 200
"""Tags that never close, past which HTML is read as text (see `tangled`)."""
_UNCLOSED_RE = re.compile(r"<[a-zA-Z/!?][^<>]*+(?=<|\Z)")


def tangled(markup: str) -> bool:
    """Whether HTML holds so many tags that never close (`<a <a <a`, `<a b="<a b="`) that
    Python's HTML parser would take quadratic time over it: each makes it scan to the end.
    Found in one linear pass."""
    found = enumerate(_UNCLOSED_RE.finditer(markup), 1)
    return any(count > TANGLE_LIMIT for count, _ in found)


def to_markdown(markup: str) -> str:
    """Markdown for an HTML fragment or page (scripts, styles and forms dropped)."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    if tangled(markup):  # its text, without its structure, in linear time
        from jobtui.postings.text import clean_markdown

        return clean_markdown(markup).strip()
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
    from markdownify import MarkdownConverter

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(markup, "html.parser")
        for tag in soup.find_all(_DROPPED):
            tag.decompose()
        text = MarkdownConverter(heading_style="ATX", bullets="-", escape_misc=False).convert_soup(
            soup
        )
    except RecursionError:  # nested thousands deep: the text, without its structure
        from jobtui.postings.text import clean_markdown

        return clean_markdown(markup).strip()
    return _BLANKS_RE.sub("\n\n", text).strip()
