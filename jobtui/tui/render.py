"""Rich renderables for postings, shared by `jobtui show` and the TUI's detail pane.

Untrusted posting text only ever enters Rich as `Text` objects or Markdown source, never as
markup strings, so a title like `[bold red]x` shows as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from jobtui.postings import money
from jobtui.postings.model import Posting, origin_note, remote_label
from jobtui.postings.money import SalarySettings
from jobtui.postings.readers import FORMAT_LABELS, details
from jobtui.postings.relative import age
from jobtui.search.highlight import spans

_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^<>\s]*)>")
_LINKED = frozenset({"http", "https", "mailto"})
_CODE_RE = re.compile(r"^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\1[^\n]*$|`[^`\n]+`", re.M | re.S)
"""The schemes an autolink (`<https://...>`) stays a link with; Markdown drops the rest whole."""


def _unlinked(source: str) -> str:
    """The Markdown with autolinks of other schemes (`<file:///...>`, `<javascript:...>`)
    kept as the text written, not dropped with their text as Markdown drops them."""

    def plain(m: re.Match[str]) -> str:
        if m.group(1).lower() in _LINKED:
            return m.group(0)
        return "\\<" + re.sub(r"([\\`*_\[\]()!#~|])", r"\\\1", m.group(0)[1:-1]) + "\\>"

    if "<" not in source:
        return source
    # Code (a fenced block, an inline span) shows as written already: left as it is.
    parts: list[str] = []
    at = 0
    for code in _CODE_RE.finditer(source):
        parts += (_AUTOLINK_RE.sub(plain, source[at : code.start()]), code.group(0))
        at = code.end()
    parts.append(_AUTOLINK_RE.sub(plain, source[at:]))
    return "".join(parts)


def highlight(text: str, terms: Iterable[str], style: str = "reverse") -> Text:
    """A Text with every whole-word occurrence of the folded terms styled."""
    result = Text(text)
    for start, end in spans(text, terms):
        result.stylize(style, start, end)
    return result


def metadata_table(
    posting: Posting,
    terms: Iterable[str] = (),
    *,
    bookmark: str | None = None,
    missing_style: str = "dim italic",
    today: date | None = None,
    salary: SalarySettings | None = None,
    copies: Sequence[str] = (),
) -> Table:
    """The block of fields above a posting; a value the posting does not state says where it
    came from (`from body`, `from file name`, `from path`) or that it is `guessed`."""
    terms = list(terms)
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")

    def noted(cell: Text, field: str) -> Text:
        """The value followed by where it came from when the posting does not state it."""
        note = origin_note(posting.origins.get(field))
        if note:
            cell.append(f"  ({note})", style="dim")
        return cell

    def row(label: str, value: str | None, field: str | None = None) -> None:
        if value:
            table.add_row(
                label, noted(highlight(value, terms, "bold reverse"), field or label.lower())
            )
        else:
            table.add_row(label, Text("not stated", style=missing_style))

    title = highlight(posting.title, terms, "bold reverse")
    title.stylize("bold")
    table.add_row("Title", noted(title, "title"))
    row("Company", posting.company)
    row("Location", posting.location)
    if posting.remote is None and not posting.hybrid:
        table.add_row("Remote", Text(remote_label(None), style=missing_style))
    else:
        row("Remote", remote_label(posting.remote, posting.hybrid))
    settings = salary or SalarySettings()
    described = None
    if posting.salary is not None:
        described = money.describe(posting.salary, settings.currency, settings.rates)
    row("Salary", described)
    posted = None
    if posting.posted:
        shown = posting.posted.isoformat()
        if posting.origins.get("posted") == "path month":
            shown = shown[:7]  # only the month is known; the date is its first day
        posted = f"{shown} ({age(posting.posted, today)})"
    row("Posted", posted)
    if posting.tags:
        table.add_row("Tags", highlight(", ".join(posting.tags), terms, "bold reverse"))
    if posting.url:
        link = Text(posting.url, style=f"link {posting.url}")
        if origin_note(posting.origins.get("url")):  # the note is not part of the link
            link = noted(Text().append(posting.url, style=f"link {posting.url}"), "url")
        table.add_row("Link", link)
    else:
        row("Link", None, "url")
    for label, text in details(posting.meta) if posting.format != "markdown" else ():
        table.add_row(label, Text(text))
    if bookmark:
        table.add_row("Shortlist", Text(bookmark, style="bold"))
    source = Text(posting.source, style="dim")
    if posting.format != "markdown":
        source.append(f"  ({FORMAT_LABELS.get(posting.format, posting.format)})", style="dim")
    table.add_row("Source", source)
    if copies:
        table.add_row("Copies", Text(f"{len(copies)} more: " + "\n".join(copies), style="dim"))
    table.add_row("ID", Text(posting.id, style="dim"))
    return table


MAX_RENDERED = 60_000
"""Characters of a body rendered in the detail pane; real postings are far shorter."""


def posting_renderable(
    posting: Posting,
    terms: Iterable[str] = (),
    *,
    bookmark: str | None = None,
    notes: Iterable[Any] = (),
    today: date | None = None,
    salary: SalarySettings | None = None,
    copies: Sequence[str] = (),
    hyperlinks: bool = True,
) -> RenderableType:
    """Metadata block, the person's notes, then the body rendered as Markdown. Without
    `hyperlinks` (a pipe, a pager) a link prints its address after its text."""
    from rich.markdown import Markdown

    terms = list(terms)
    source = _unlinked(posting.body)
    if len(source) > MAX_RENDERED:
        # A multi-megabyte "posting" would freeze the screen while Markdown lays it out.
        cut = source.rfind("\n", 0, MAX_RENDERED)
        source = source[: cut if cut > 0 else MAX_RENDERED]
        source += f"\n\n*(the rest, {len(posting.body) - len(source):,} characters, is not shown; see the file)*\n"
    body: RenderableType = Markdown(source or "*(no description)*", hyperlinks=hyperlinks)
    if terms and source:
        body = highlighted_markdown(source, terms, hyperlinks)
    return Group(
        metadata_table(
            posting, terms, bookmark=bookmark, today=today, salary=salary, copies=copies
        ),
        *_note_lines(notes),
        Rule(style="dim"),
        body,
    )


def _note_lines(notes: Iterable[Any]) -> list[Text]:
    """The person's notes, one line each after its time (`2026-03-01 10:00  called back`)."""
    lines = []
    for note in notes:
        line = Text(f"{note.at[:16].replace('T', ' ')}  ", style="dim")
        line.append(note.text)
        lines.append(line)
    return lines


def snapshot_renderable(
    posting: Posting,
    note: str,
    terms: Iterable[str] = (),
    *,
    bookmark: str | None = None,
    notes: Iterable[Any] = (),
    today: date | None = None,
    salary: SalarySettings | None = None,
) -> RenderableType:
    """A bookmarked posting that is not loaded, from the snapshot its bookmark keeps (see
    `shortlist.view.snapshot_posting`): `note` says why, then its fields as a loaded posting
    shows them and the person's notes. A bookmark keeps no body, so none follows."""
    return Group(
        Text(note + "\n", style="italic"),
        metadata_table(posting, terms, bookmark=bookmark, today=today, salary=salary),
        *_note_lines(notes),
    )


def highlighted_markdown(source: str, terms: list[str], hyperlinks: bool = True) -> RenderableType:
    """Markdown whose words matching the query are highlighted.

    Rich's Markdown has no highlight hook, so the rendered lines are restyled where their text
    matches; the source is never interpreted as Rich markup.
    """
    from rich.markdown import Markdown

    return _Highlighted(Markdown(source, hyperlinks=hyperlinks), [t for t in terms if t])


class _Highlighted:
    """Restyles the matched words of another renderable's lines."""

    def __init__(self, renderable: RenderableType, terms: list[str]) -> None:
        self.renderable = renderable
        self.terms = terms

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        from rich.segment import Segment

        style = console.get_style("bold reverse")
        terms = frozenset(self.terms)
        lines = console.render_lines(self.renderable, options, pad=False)
        for line in lines:
            text = "".join(seg.text for seg in line if not seg.control)
            found = spans(text, terms)
            if not found:
                yield from line
                yield Segment.line()
                continue
            pos = 0
            for seg in line:
                if seg.control:
                    yield seg
                    continue
                start, end = pos, pos + len(seg.text)
                pos = end
                cuts = sorted({start, end, *(max(start, min(end, x)) for s in found for x in s)})
                for a, b in pairwise(cuts):
                    piece = seg.text[a - start : b - start]
                    hit = any(s <= a and b <= e for s, e in found)
                    seg_style = (seg.style + style) if seg.style else style
                    yield Segment(piece, seg_style if hit else seg.style)
            yield Segment.line()
