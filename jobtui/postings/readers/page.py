"""Saved job pages (.html): the schema.org JobPostings of their JSON-LD scripts, or, on a page
without any, one posting read best-effort from the page's own HTML."""

from __future__ import annotations

import re
import warnings
from typing import Any

from jobtui.postings.extract.fields import is_placeholder
from jobtui.postings.readers import Item, Read, jsonld
from jobtui.postings.readers.markup import tangled, to_markdown

MAX_PAGE = 5_000_000
"""Characters of a page read; a saved page is rarely past 2 MB, and what follows is cut off."""
NOTE = "no JobPosting JSON-LD on the page: read best-effort from its HTML"
_CHROME = ["nav", "header", "footer", "aside", "script", "style", "noscript", "template"]
_SEPARATORS_RE = re.compile(r"\s+(?:\||-|–|—|·|::|»)\s+")
_SITE_WORDS_RE = re.compile(
    r"\b(?:careers?|jobs?|hiring|vacanc(?:y|ies)|openings?|work (?:at|with)|join us)\b", re.I
)


def read_page(text: str, name: str) -> Read | None:
    """The postings of a saved page; None when the text is clearly no HTML (JSON, binary)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head[:1] in ("{", "[") or "\x00" in head:
        return None
    problems: list[str] = []
    if len(text) > MAX_PAGE:
        text = text[:MAX_PAGE]
        problems.append(f"page longer than {MAX_PAGE // 1_000_000} MB: only its start was read")
    if tangled(text):
        return Read("html", [], problems=[*problems, "tags that never close all over: not HTML"])
    from bs4 import ParserRejectedMarkup

    try:
        return _read(text, problems)
    except RecursionError:  # a tree thousands deep that some step still walks recursively
        return Read("html", [], problems=[*problems, "page nested too deep to read"])
    except ParserRejectedMarkup as e:
        return Read("html", [], problems=[*problems, f"not HTML the parser can read: {e}"[:200]])


def _read(text: str, problems: list[str]) -> Read:
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    base = _base_url(soup)
    postings: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}
    for i, script in enumerate(_ld_scripts(soup), 1):
        try:
            data = jsonld.parse(script)
        except ValueError as e:
            problems.append(f"JSON-LD script {i}: {e}")
            continue
        postings.extend(jsonld.job_postings(data))
        for ident, node in jsonld.nodes_by_id(data).items():  # any script of the page
            nodes.setdefault(ident, node)
    postings = [jsonld.resolved(p, nodes) for p in postings]
    if not postings:
        return _best_effort(soup, base, problems)
    items: list[Item] = []
    for n, obj in enumerate(postings, 1):
        item = jsonld.item_from_jobposting(obj, base, n)
        if item is None:
            problems.append(f"JobPosting {n}: no title and no description")
        elif not any(_same(item, seen) for seen in items):  # a page that states it twice
            items.append(item)
    if len(items) == 1 and "url" not in items[0].meta and base:  # the page is the posting's own
        items[0].meta["url"] = base
    return Read("json-ld", unique_keys(items), problems=problems)


def _same(a: Item, b: Item) -> bool:
    return a.key == b.key and a.meta == b.meta and a.body == b.body


def unique_keys(items: list[Item]) -> list[Item]:
    """The items with a key each of its own: a later one that repeats a key gets `~2`, `~3`..."""
    seen: set[str] = set()
    out: list[Item] = []
    for item in items:
        key, count = item.key, 1
        while key in seen:
            count += 1
            key = f"{item.key}~{count}"
        seen.add(key)
        out.append(item if key == item.key else Item(key, item.meta, item.body, item.from_board))
    return out


def _ld_scripts(soup: Any) -> list[str]:
    """The text of every `<script type="application/ld+json">` (type in any case, with spaces or
    a `; charset=` parameter)."""
    found = []
    for script in soup.find_all("script"):
        kind = script.get("type")
        if isinstance(kind, str) and kind.split(";")[0].strip().lower() == "application/ld+json":
            found.append(script.get_text())
    return found


def _base_url(soup: Any) -> str | None:
    """The page's own address: its canonical link, else its `og:url`; absolute http(s) only."""
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in (r.lower() for r in rels):
            url = jsonld.resolve_url(link.get("href"), None)
            if url:
                return url
    for meta in soup.find_all("meta", content=True):
        if str(meta.get("property") or meta.get("name") or "").lower() == "og:url":
            url = jsonld.resolve_url(meta.get("content"), None)
            if url:
                return url
    return None


def _best_effort(soup: Any, base: str | None, problems: list[str]) -> Read:
    """One posting from the page's HTML: its heading or title, and the text of its main part."""
    node = (
        soup.find("main")
        or soup.find("article")
        or soup.find(attrs={"role": "main"})
        or soup.find("body")
        or soup
    )
    title = _title(soup, node)
    for tag in node.find_all([*_CHROME, "head", "title"]):
        if not tag.decomposed:  # inside a tag already dropped
            tag.decompose()
    body = to_markdown(str(node))
    if not title and not body:
        problems.append("no JobPosting JSON-LD, and no title or text on the page")
        return Read("html", [], problems=problems)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = title
    if base:
        meta["url"] = base
    site = _site_name(soup)
    if site:  # the site the page was saved from: its company, as a board names one
        meta["company"] = site
    found = frozenset({"company"} if site else ())
    return Read("html", [Item(base or "page", meta, body, found)], note=NOTE, problems=problems)


def _site_name(soup: Any) -> str | None:
    """The site's own name (`og:site_name`, `application-name`), without a careers suffix
    (`Acme Careers`, `Jobs at Acme`); None when it does not name one."""
    for attrs in ({"property": "og:site_name"}, {"name": "application-name"}):
        tag = soup.find("meta", attrs=attrs)
        name = " ".join(str(tag.get("content") or "").split()) if tag else ""
        name = _SITE_AFFIX_RE.sub("", name).strip(" -|:·")
        if name and len(name) <= 80 and not is_placeholder(name):
            return name
    return None


_SITE_AFFIX_RE = re.compile(
    r"^(?:careers|jobs|join us|work) (?:at|with) |\s+(?:careers|jobs|job board|hiring)$", re.I
)


def _title(soup: Any, main: Any) -> str | None:
    """The first `<h1>` (of the main part first: a site header may hold its logo in one), else
    the `<title>` without a site suffix (` | Careers at Acme`)."""
    h1 = main.find("h1") or soup.find("h1")
    heading = " ".join(h1.get_text(" ").split()) if h1 else ""
    if heading:
        return heading
    tag = soup.find("title")
    title = " ".join(tag.get_text(" ").split()) if tag else ""
    if not title:
        return None
    site_tag = soup.find("meta", attrs={"property": "og:site_name"})
    site = " ".join(str(site_tag.get("content") or "").split()) if site_tag else ""
    return trim_site_suffix(title, site)


def trim_site_suffix(title: str, site: str = "") -> str:
    """`Data Engineer | Careers at Acme` -> `Data Engineer`: the part after the last separator
    goes only when it names the site (careers, jobs, hiring, or the site's own name)."""
    separators = list(_SEPARATORS_RE.finditer(title))
    if not separators:
        return title
    last = separators[-1]
    head, tail = title[: last.start()].strip(), title[last.end() :].strip()
    is_site = _SITE_WORDS_RE.search(tail) or (site and tail.casefold() == site.casefold())
    if head and len(tail) <= 60 and is_site:
        return head
    return title
