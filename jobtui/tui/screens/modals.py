"""Small modal screens; each returns its result through `dismiss`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from jobtui.postings.model import STATUSES
from jobtui.postings.relative import parse_day, parse_when
from jobtui.postings.text import counted
from jobtui.shortlist.export import FORMATS, default_file_name, format_for
from jobtui.tui.screens.dialog import Dialog


class StatusPicker(Dialog[str | None]):
    """Choose an application status."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, current: str | None) -> None:
        super().__init__()
        self._title = title
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Text(f"Status of: {self._title}", overflow="ellipsis"), classes="dialog-title"
            )
            options = [Option(f"{i + 1}  {s}", id=s) for i, s in enumerate(STATUSES)]
            yield OptionList(*options, id="statuses")
            yield Label("enter choose · 1-6 shortcut · esc cancel", classes="dialog-help")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        if self._current in STATUSES:
            picker.highlighted = STATUSES.index(self._current)
        picker.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if (
            event.character
            and event.character.isdigit()
            and 1 <= int(event.character) <= len(STATUSES)
        ):
            event.stop()
            self.dismiss(STATUSES[int(event.character) - 1])


class NoteScreen(Dialog[tuple[bool, str] | None]):
    """Write a dated note; ctrl+s saves, esc closes. Text closed unsaved comes back as a draft
    (True, text) when saved, (False, text) when closed with text in it, None when empty."""

    BINDINGS = [
        Binding("escape", "close", "Close (keeps a draft)"),
        Binding("ctrl+s", "save", "Save note"),
    ]

    def __init__(self, title: str, draft: str = "") -> None:
        super().__init__()
        self._title = title
        self._draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(
                Text(f"Note on: {self._title}", overflow="ellipsis"), classes="dialog-title"
            )
            yield TextArea(self._draft, id="note", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Close (esc, keeps a draft)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def _text(self) -> str:
        return self.query_one(TextArea).text.strip()

    def unsaved(self) -> str | None:
        """What quitting now would lose: the text typed, unless it is the draft it opened with
        (the app counts that one already)."""
        text = self._text()
        return (
            "A note being written is not saved." if text and text != self._draft.strip() else None
        )

    def action_save(self) -> None:
        text = self._text()
        self.dismiss((True, text) if text else None)

    def action_close(self) -> None:
        text = self._text()
        self.dismiss((False, text) if text else None)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_close()


class ConfirmScreen(Dialog[bool]):
    """A yes/no question."""

    BINDINGS = [Binding("escape,n", "dismiss(False)", "No"), Binding("y", "dismiss(True)", "Yes")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self._question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", variant="warning", id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # enter keeps things as they are

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


FORMAT_LABELS = {
    "md": "Markdown (readable, grouped by status)",
    "csv": "CSV (spreadsheets)",
    "json": "JSON (full records)",
    "ics": "Calendar (follow-ups and interviews, .ics)",
}


class ExportScreen(Dialog[tuple[str, str] | None]):
    """Choose a format (arrows, enter) and a path (tab); returns (format, path)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, count: int, today: date) -> None:
        super().__init__()
        self._count = count
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(
                f"Export {counted(self._count, 'bookmark')}",
                classes="dialog-title",
            )
            yield OptionList(*(Option(FORMAT_LABELS[f], id=f) for f in FORMATS), id="format")
            yield Label("File (tab to change it):")
            # Relative to the folder jobtui was started in; the notice names the full path.
            yield Input(default_file_name("md", self._today), id="path")
            yield Label(
                "↑↓ format · enter export · tab file · esc cancel",
                classes="dialog-help",
                id="export-help",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (enter)", variant="primary", id="export")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        formats = self.query_one("#format", OptionList)
        formats.highlighted = 0
        formats.focus()

    def _format(self) -> str:
        formats = self.query_one("#format", OptionList)
        index = formats.highlighted
        return FORMATS[index] if index is not None else "md"

    @on(OptionList.OptionHighlighted, "#format")
    def _format_changed(self) -> None:
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        if format_for(path) and format_for(path) != self._format():
            path_input.value = str(path.with_suffix("." + self._format()))

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A file name that names a format (`list.csv`) chooses it."""
        fmt = format_for(event.value)
        if fmt is not None and fmt != self._format():
            self.query_one("#format", OptionList).highlighted = FORMATS.index(fmt)

    def unsaved(self) -> str | None:
        """What quitting now would lose: a file name typed."""
        value = self.query_one("#path", Input).value.strip()
        typed = value and value != default_file_name(self._format(), self._today)
        return "An export's file name being typed is not used." if typed else None

    @on(OptionList.OptionSelected, "#format")
    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if not value:
            return
        folder = Path(value).expanduser().absolute().parent
        if not folder.is_dir():  # said here, the path kept to be corrected
            self.query_one("#export-help", Label).update(
                Text(f"No folder {folder}: create it, or give another path.", style="bold red")
            )
            self.query_one("#path", Input).focus()
            return
        self.dismiss((self._format(), value))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class FollowUpScreen(Dialog[date | None | bool]):
    """Ask for a follow-up date; returns the date, None to clear, False when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, title: str, current: str | None, today: date) -> None:
        super().__init__()
        self._title = title
        self._current = current
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Text(f"Follow up on: {self._title}", overflow="ellipsis"), classes="dialog-title"
            )
            yield Input(self._current or "", placeholder="YYYY-MM-DD, +3d, +2w, tomorrow", id="day")
            yield Label(
                "enter saves · empty clears · esc cancels", classes="dialog-help", id="day-help"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def unsaved(self) -> str | None:
        """What quitting now would lose: a follow-up day typed."""
        value = self.query_one(Input).value.strip()
        return "A follow-up being typed is not saved." if value != (self._current or "") else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(parse_day(event.value, self._today))
        except ValueError:
            self.query_one("#day-help", Label).update(
                Text(f"Not a date: {event.value!r}. Use YYYY-MM-DD, +3d or +2w.", style="bold red")
            )


class InterviewScreen(Dialog[tuple[datetime | date, str] | None]):
    """Ask when an interview is and what it is; returns (when, label), None when cancelled
    (esc asks first when something was typed)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, today: date) -> None:
        super().__init__()
        self._title = title
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Text(f"Interview for: {self._title}", overflow="ellipsis"), classes="dialog-title"
            )
            yield Input(placeholder="when: 2026-12-01 14:00, tomorrow 9:30, +3d", id="when")
            yield Input(
                placeholder="what: phone screen, onsite, final round (optional)", id="label"
            )
            yield Label("enter saves · tab moves · esc cancels", classes="dialog-help", id="help")

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()

    def unsaved(self) -> str | None:
        """What quitting now would lose: the interview typed."""
        typed = any(field.value.strip() for field in self.query(Input))
        return "An interview being typed is not saved." if typed else None

    def action_cancel(self) -> None:
        if not self.unsaved():
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Drop the interview typed?"), answered)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        text = self.query_one("#when", Input).value
        try:
            when = parse_when(text, self._today)
        except ValueError:
            self.query_one("#help", Label).update(
                Text(
                    f"Not a day and time: {text!r}. Use 2026-12-01 14:00, tomorrow 9:30 or +3d.",
                    style="bold red",
                )
            )
            self.query_one("#when", Input).focus()
            return
        self.dismiss((when, self.query_one("#label", Input).value.strip()))


class NameScreen(Dialog[str | None]):
    """Ask for a name (a saved search's); returns it, None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, placeholder: str) -> None:
        super().__init__()
        self._title = title
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self._title, overflow="ellipsis"), classes="dialog-title")
            yield Input(placeholder=self._placeholder, id="name")
            yield Label("enter saves · esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def unsaved(self) -> str | None:
        """What quitting now would lose: a name typed."""
        return "A name being typed is not saved." if self.query_one(Input).value.strip() else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())


class SavedPicker(Dialog[str | None]):
    """Choose a saved search; each shows its query, its matches and how many are new."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, rows: list[tuple[str, str, int, int]]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Saved searches", classes="dialog-title")
            options = []
            for name, query, matches, new in self._rows:
                label = Text(name, style="bold")
                label.append(f"  {query}", style="dim")
                label.append(f"  {matches:,} match{'es' if matches != 1 else ''}")
                if new:
                    label.append(f", {new:,} new", style="bold")
                options.append(Option(label, id=name))
            yield OptionList(*options, id="saved")
            yield Label(
                "enter runs it · esc cancels · w saves the current search", classes="dialog-help"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
