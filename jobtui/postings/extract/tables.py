"""Markdown tables of a posting's body that state its fields, read as the labelled lines they
stand for.

A key/value table (`| Company | Acme |` rows) or a header of labels over one row of values
(`| Company | Location |` / `| Acme | Berlin |`) is rewritten in place as `Company: Acme` lines,
so every reader of labelled lines reads it with the same labels, cleaning and precedence as a
line the posting wrote so. Only a cell that is a label some reader knows counts; a table of
data (a header over several rows, rows mostly not labelled) is left as it is.
"""

from __future__ import annotations

import re

from jobtui.postings.extract.body import LOCATION_LABELS
from jobtui.postings.extract.company import COMPANY_LABELS
from jobtui.postings.extract.job_title import TITLE_LABELS
from jobtui.postings.extract.posted import POSTED_LABELS
from jobtui.postings.extract.work_mode import WORK_MODE_LABELS

_SALARY_LABELS = (
    r"salary(?:[ \t]+range)?|base[ \t]+salary|pay(?:[ \t]+range)?|compensation|wage|rate"
    r"|(?:day|daily|hourly)[ \t]+rate|remuneration|r[ée]mun[ée]ration|salaire|gehalt"
    r"|jahresgehalt|verg[üu]tung|salario|sueldo|sal[áa]rio|remunera[çc][ãa]o|retribuzione"
    r"|stipendio|salaris|l[öo]n|palkka|wynagrodzenie"
    r"|給与|給料|想定年収|年収|月給|報酬|薪资|薪酬|工资|薪水|급여|연봉"
)
"""Labels of pay: the salary reader looks for figures near pay words, so a table's row of pay
becomes a line it reads as any other."""
_APPLY_LABELS = (
    r"how[ \t]+to[ \t]+apply|to[ \t]+apply|apply(?:[ \t]+(?:here|now|online))?|postuler"
    r"|bewerbung|bewerben|aplicar|solicitar|candidatura|solliciteren|sollicitatie"
)
"""Labels of the line that says where to apply, as the apply-link reader reads them."""
_LABEL_CELL_RE = re.compile(
    "|".join(
        f"(?:{labels})"
        for labels in (
            COMPANY_LABELS,
            LOCATION_LABELS,
            TITLE_LABELS,
            POSTED_LABELS,
            WORK_MODE_LABELS,
            _SALARY_LABELS,
            _APPLY_LABELS,
        )
    ),
    re.I,
)
_GENERIC_HEADS = frozenset(
    "field fields value values key keys detail details info information item items property"
    " attribute label description 項目 内容 詳細 项目 内容 详情 항목 내용".split()
)
"""Column names of a key/value table's header (`| Field | Value |`): not a row of its own."""
_DELIMITER_RE = re.compile(r"[ \t]*\|?[ \t]*:?-++:?[ \t]*(?:\|[ \t]*:?-++:?[ \t]*)*\|?[ \t]*")
"""The line under a table's header: `|---|:---:|`, `--- | ---`."""
_LONGEST_ROW = 2000
"""A longer line is not read as a table's row (its cells are scanned character by character)."""


def as_labelled_lines(body: str) -> str:
    """The body with each table that states fields rewritten as `Label: value` lines in its
    place; the body itself when it has none."""
    if "|" not in body or "-" not in body:
        return body
    lines = body.split("\n")
    out: list[str] = []
    changed = False
    i = 0
    while i < len(lines):
        end = _table_end(lines, i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        read = _read_table(lines[i:end])
        if read is None:
            out.extend(lines[i:end])
        else:
            out.extend(read)
            changed = True
        i = end
    return "\n".join(out) if changed else body


def _table_end(lines: list[str], start: int) -> int | None:
    """Where the table whose header is `lines[start]` ends (the index after its last row), or
    None when no table starts there (a header needs a delimiter line of as many cells)."""
    if start + 1 >= len(lines) or "|" not in lines[start + 1]:
        return None
    header, delimiter = lines[start], lines[start + 1]
    if "|" not in header or len(header) > _LONGEST_ROW or len(delimiter) > _LONGEST_ROW:
        return None
    if not _DELIMITER_RE.fullmatch(delimiter) or len(cells(header)) != len(cells(delimiter)):
        return None
    end = start + 2
    while end < len(lines) and lines[end].strip() and "|" in lines[end]:
        if len(lines[end]) > _LONGEST_ROW:
            break
        end += 1
    return end


def _read_table(table: list[str]) -> list[str] | None:
    """The table's lines with the rows that state fields rewritten as labelled lines, or None
    when it states none."""
    header, rows = cells(table[0]), [cells(line) for line in table[2:]]
    labels = [_label(cell) for cell in header]
    filled = [cell for cell in header if cell.strip()]
    named = [label for label in labels if label]
    if len(named) >= 2 and 2 * len(named) > len(filled) and not (rows and _pair(rows[0])):
        # a header of labels: read over one row of values; over several, a table of data
        # (a first row that is a label's too is a key/value table's: `| Location | Remote |`)
        if len(rows) != 1:
            return None
        found = [
            f"{label}: {value}"
            for label, value in zip(labels, rows[0], strict=False)
            if label and value.strip()
        ]
        return found or None
    # key/value rows: a label, then its value (and no more), at least half the table's rows
    generic = all(not cell.strip() or _head_word(cell) in _GENERIC_HEADS for cell in header)
    all_rows = [header, *rows] if not generic else rows
    lines = [table[0], *table[2:]] if not generic else table[2:]
    pairs = [_pair(row) for row in all_rows]
    if 2 * sum(p is not None for p in pairs) < len(all_rows):
        return None  # mostly rows of other things: a table of data, not of the posting's fields
    if rows and not any(_pair(row) for row in rows):
        return None  # a header only that reads as a pair (`| Role | Description |`)
    out = []
    for line, pair in zip(lines, pairs, strict=True):
        if pair is None:
            out.append(line)
        elif pair[1]:
            out.append(f"{pair[0]}: {pair[1]}")
    return out


def _pair(row: list[str]) -> tuple[str, str] | None:
    """(label, value) of a key/value row: a label cell, then its value, no other cell filled.
    The value is empty when the row leaves it blank."""
    filled = [cell.strip() for cell in row]
    while filled and not filled[-1]:
        filled.pop()
    if not 1 <= len(filled) <= 2:
        return None
    label = _label(filled[0])
    if label is None:
        return None
    return label, filled[1] if len(filled) == 2 else ""


def _label(cell: str) -> str | None:
    """The label a cell holds (`**Company**`, `Location:`, `勤務地`), or None when it holds
    another text."""
    text = _head_text(cell)
    return text if text and _LABEL_CELL_RE.fullmatch(text) else None


def _head_text(cell: str) -> str:
    text = re.sub(r"\*\*|__|`", "", cell)
    return " ".join(text.split()).strip(" \t*_:：")


def _head_word(cell: str) -> str:
    return _head_text(cell).casefold()


def cells(line: str) -> list[str]:
    """The cells of a table's line: split at its pipes, not at an escaped one (`\\|`, read as
    a pipe) nor at one inside inline code; the outer pipes start and end the row."""
    text = line.strip()
    found: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and text.startswith("|", i + 1):
            cell.append("|")
            i += 2
        elif c == "`":
            end = _code_end(text, i)
            cell.append(text[i:end].replace("\\|", "|"))
            i = end
        elif c == "|":
            found.append("".join(cell))
            cell = []
            i += 1
        else:
            cell.append(c)
            i += 1
    found.append("".join(cell))
    if text.startswith("|"):
        found = found[1:]
    if len(found) > 1 and text.endswith("|") and not text.endswith("\\|") and not found[-1]:
        found = found[:-1]
    return found


def _code_end(text: str, start: int) -> int:
    """The end of the inline code opening at `start` (its closing run of as many backticks),
    or just past the opening run when it is never closed (then its backticks are text)."""
    run = start
    while run < len(text) and text[run] == "`":
        run += 1
    fence = text[start:run]
    at = run
    while True:
        at = text.find(fence, at)
        if at < 0:
            return run
        after = at + len(fence)
        if not text.startswith("`", after):
            return after
        while after < len(text) and text[after] == "`":
            after += 1
        at = after
