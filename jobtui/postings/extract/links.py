"""Links: apply URLs and e-mail addresses, Markdown links in titles, and apply links in bodies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobtui.postings.anchored import Anchored
from jobtui.postings.places import holds, places
from jobtui.postings.text import lines_at

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
_APPLY_HEADING_RE = re.compile(r"^(?:#+[ \t]*|\*\*|__)?[^\n]{0,40}\b(?:to )?apply\b", re.I | re.M)


def _apply_heading(body: str, low: str) -> re.Match[str] | None:
    """The first line that starts by saying how to apply (`## How to apply`), looked for from
    the line where `apply` is first written (`low`: the body lowercased; the pattern never
    runs across a line, so no earlier line can match)."""
    if len(low) != len(body):
        return _APPLY_HEADING_RE.search(body)
    first = low.find("apply")
    return None if first < 0 else _APPLY_HEADING_RE.search(body, low.rfind("\n", 0, first) + 1)


_BARE_URL = Anchored(r"(?<![(\[])https?://[^\s<>()\[\]\"'`]+", re.I, ["http"])
_BARE_URL_RE = _BARE_URL.pattern
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


def _bare_apply_address(
    body: str, low: str, start: int, web: bool = False
) -> tuple[str, int] | None:
    """A bare address (or e-mail; `web`: web addresses only) given where the posting says to
    apply, from `start` on: on the line that says it, in the same sentence and not after a
    denial (`do not apply via …`), or alone on the line just below a line that only says it
    (`To apply` / an address)."""
    for m in _apply_lines(body, low, start):
        rest, at = m["rest"], m.start("rest")
        found = _first_address(rest, web)
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
            found = _first_address(nxt.group(1), web)
            heading = heading or m.group(0).lstrip(" \t>*_").startswith("#")
            # Under a heading, the address in its first line; else only an address alone.
            if (
                found is not None
                and (heading or nxt.group(1).strip(" *_.") == found[0])
                and not _NOT_HERE_RE.search(nxt.group(1)[: found[1]])
            ):
                return found[0], m.end() + nxt.start(1) + found[1]
    return None


def _first_address(text: str, web: bool = False) -> tuple[str, int] | None:
    """The first web address or e-mail in a piece of text (`web`: web addresses only), cleaned,
    with where it starts."""
    url = _BARE_URL_RE.search(text)
    email = None if web else _EMAIL_RE.search(text)
    if email and (url is None or email.start() < url.start()):
        return f"mailto:{email.group(0)}", email.start()
    if url:
        cleaned = clean_url(url.group(0).rstrip(".,;:!?'\""))
        if cleaned:
            return cleaned, url.start()
    return None


_APPLY_WORDS = ("appl", "postul", "bewerb", "bewirb", "candida", "aplic", "solicit", "sollicit")
"""How the words of the lines `_APPLY_LINE_RE` reads, and of `_APPLY_AT`, begin: a body with
none is not searched."""


def url_from_body(body: str, low: str | None = None) -> str | None:
    """An apply link: `[APPLY](...)`, a link under "To apply", an address on the line that
    says where to apply, or a link-wrapped button. A web address given to apply at is
    preferred over an e-mail address (`Questions? jobs@…` and `Apply at https://…`): an
    e-mail address only when the posting gives no web address to apply at."""
    low = body.lower() if low is None else low  # (`low`: the body lowercased, if at hand)
    links = _links(body)
    url = _apply_address(body, low, links)
    if url is None or url.startswith("mailto:"):
        url = web_apply_address(body, low, links) or url
    if url is not None:
        return url
    for text, url, _ in links:
        if text.startswith("![") or text == url:  # an image or a bare button wrapped in a link
            return url
    return None


def _links(body: str) -> list[tuple[str, str, int]]:
    """The body's Markdown links that hold an address jobtui keeps: (text, url, where)."""
    links = [(m.group(1), clean_url(m.group(2)), m.start()) for m in _LINK_RE.finditer(body)]
    return [(t, u, p) for t, u, p in links if u]


def _apply_address(body: str, low: str, links: list[tuple[str, str, int]]) -> str | None:
    """The first address the posting gives to apply at, web or e-mail: `[APPLY](...)`, a link
    under "To apply", an address on the line that says where to apply."""
    for text, url, _ in links:
        if _APPLY_TEXT_RE.search(text) and not text.startswith("!["):
            return url
    heading = _apply_heading(body, low)
    said = holds(low, _APPLY_WORDS)
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
    return bare[0] if bare else None


_APPLY_AT = Anchored(
    r"\b(?:apply|applying|bewerben|bewirb|postuler|postulez|candidatez|aplicar|aplica|postula"
    r"|candidata-te|candidatar-se|candidati|candidarsi|solliciteren|solliciteer)\b"
    r"(?:[ \t]+(?:sie[ \t]+sich|dich))?"  # `Bewerben Sie sich unter …`
    r"(?:[ \t]+(?:online|now|here|today|directly|jetzt|ici|aqu[ií]|qui|hier))*[ \t*_]*"
    r"(?:[:→]|->|(?:at|via|on|through|using|in|under|unter|sur|en|em|su|op|bij|hier|here)\b)"
    r"(?P<rest>[^\n]{0,100})",
    re.I,
    _APPLY_WORDS,  # how its words begin
)
"""`…or apply online at https://…`, `Bewerben Sie sich unter https://…`: the words that say
where to apply, anywhere in a line, and what follows them on it."""
_APPLY_LINK_TEXT_RE = re.compile(
    r"appl(?:y|ication)|bewerb|postul|candidat|sollicit|view (?:the )?(?:job|position|posting)"
    r"|job posting|see (?:the )?(?:job|position)",
    re.I,
)
"""A link's text that says it is where to apply (`Learn more` or `Details` may be about the
company: not over an e-mail address given to apply)."""
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")
_WEB_LINK_RE = re.compile(r"\]\(\s*<?(https?://[^()\s<>\[\]]+)", re.I)
_APPLY_PATH_RE = re.compile(r"^https?://[^/?#\s]+/(?:[^?#\s]*/)?apply(?:[/?#]|$)", re.I)
"""`https://acme.example/jobs/41/apply`: an address that is itself an application's."""


def web_apply_address(
    body: str, low: str | None = None, links: list[tuple[str, str, int]] | None = None
) -> str | None:
    """A web (http or https) address the posting gives to apply at: a link that says so
    (`[Apply here](…)`), an address where a line says to apply (`Apply: …`, `…or apply online
    at …`), or an application's own address (`…/jobs/41/apply`); None when it gives none."""
    low = body.lower() if low is None else low
    links = _links(body) if links is None else links
    web = [(text, url) for text, url, _ in links if not url.startswith("mailto:")]
    for text, url in web:
        if _APPLY_LINK_TEXT_RE.search(text) and not text.startswith("!["):
            return url
    if not holds(low, _APPLY_WORDS):
        return _application_address(body, low, links)
    bare = _bare_apply_address(body, low, 0, web=True)
    if bare:
        return bare[0]
    for m in _APPLY_AT.finditer(body, low):
        rest = _SENTENCE_END_RE.split(m["rest"], maxsplit=1)[0]  # this sentence
        link = _WEB_LINK_RE.search(rest)
        found = _first_address(rest, web=True)
        if link and (found is None or link.start() < found[1]):
            found = (clean_url(link.group(1)) or "", link.start())
        if not found or not found[0]:
            continue
        line_start = body.rfind("\n", 0, m.start()) + 1
        before = _SENTENCE_END_RE.split(body[line_start : m.start()])[-1]
        if not _NOT_HERE_RE.search(before[-30:] + " " + rest[: found[1]]):
            return found[0]  # not `Please do not apply via https://…`
    return _application_address(body, low, links)


def _application_address(body: str, low: str, links: list[tuple[str, str, int]]) -> str | None:
    """The first address, linked or bare, that is an application's own (`…/jobs/41/apply`)."""
    found = [(at, url) for _, url, at in links if _APPLY_PATH_RE.match(url)]
    if not holds(low, ("/apply",)):
        return min(found)[1] if found else None
    for m in _BARE_URL.finditer(body, low):
        url = clean_url(m.group(0).rstrip(".,;:!?'\""))
        if url and _APPLY_PATH_RE.match(url):
            found.append((m.start(), url))
            break
    return min(found)[1] if found else None
