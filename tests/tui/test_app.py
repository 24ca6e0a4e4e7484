"""The TUI driven through Pilot, key by key, asserting on what a person would see change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input, Label, TextArea

from jobtui.shortlist.store import BookmarkStore
from jobtui.tui.app import JobApp, make_app
from jobtui.tui.screens.help import HelpScreen
from jobtui.tui.screens.modals import ConfirmScreen, ExportScreen, NoteScreen, StatusPicker
from jobtui.tui.widgets.count_line import CountLine
from jobtui.tui.widgets.detail import DetailView
from jobtui.tui.widgets.results import ResultsList

from ..conftest import write

TODAY = date(2026, 11, 23)


def app_for(tmp_path: Path, paths: list[str] | None = None) -> JobApp:
    """The app with no debounce: the detail pane shows the selection as soon as it moves."""
    return make_app(
        paths,
        config_dir=tmp_path / "cfg",
        today=TODAY,
        debounce=0,
        typing_debounce=0,
        seen_after=None,
    )


async def until(pilot, condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until `condition()` holds (a debounced render on a busy machine)."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause()
    assert condition()


async def ready(app: JobApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    results, detail = app.query_one(ResultsList), app.query_one(DetailView)
    # The detail pane renders after a short debounce: wait for it, however busy the machine.
    await until(
        pilot, lambda: detail.shown_key == (results.current.key if results.current else None)
    )


def titles(app: JobApp) -> list[str]:
    results = app.query_one(ResultsList)
    return [results.row(i).title for i in range(len(results.source))]


def selected(app: JobApp) -> str:
    return app.query_one(ResultsList).current.title


def detail_text(app: JobApp) -> str:
    """The detail pane's text as it is drawn, every line of it."""
    detail = app.query_one(DetailView).query_one("#detail-content")
    lines = detail.render_lines(Region(0, 0, detail.size.width, detail.virtual_size.height))
    return "\n".join(line.text for line in lines)


@pytest.fixture
def many(tmp_path) -> str:
    folder = tmp_path / "many"
    for i in range(60):
        write(
            folder,
            f"job{i:02}.md",
            f"---\ntitle: Job {i:02}\ndate: 2026-01-{(i % 28) + 1:02}\n---\nText {i}\n",
        )
    return str(folder)


async def test_start_screen_lists_every_seed_newest_first(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert titles(app)[:2] == ["Backend Developer", "Back End Developer"]
        assert len(titles(app)) == 5
        assert app.focused is app.query_one("#search", Input)
        assert "5 / 5" in str(app.query_one("#count").render())


async def test_typing_filters_live_and_esc_clears(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"erlang")
        assert titles(app) == ["Senior Backend Engineer (Erlang/Elixir, Go)"]
        await pilot.press("escape")
        assert app.query_one("#search", Input).value == ""
        assert len(titles(app)) == 5
        await pilot.press("escape")  # empty search: esc leaves it
        assert app.focused is app.query_one(ResultsList)
        await pilot.press("slash")
        assert app.focused is app.query_one("#search", Input)


async def test_enter_and_tab_move_to_the_list(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        assert app.focused is app.query_one(ResultsList)
        await pilot.press("slash", "tab")
        assert app.focused is app.query_one(ResultsList)


async def test_list_movement_keys(tmp_path, many):
    app = app_for(tmp_path, [many])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        assert selected(app) == "Job 27"  # newest: 2026-01-28
        await pilot.press("j")
        second = selected(app)
        await pilot.press("down", "k")
        assert selected(app) == second
        await pilot.press("up")
        assert selected(app) == "Job 27"
        await pilot.press("G")
        assert app.query_one(ResultsList).cursor == 59
        await pilot.press("g")
        assert app.query_one(ResultsList).cursor == 0
        await pilot.press("end")
        assert app.query_one(ResultsList).cursor == 59
        await pilot.press("home", "pagedown")
        page = app.query_one(ResultsList).cursor
        assert page > 5
        await pilot.press("pageup")
        assert app.query_one(ResultsList).cursor == 0


async def test_detail_follows_the_selection_and_l_h_switch_focus(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "j")
        await pilot.pause()
        detail = app.query_one(DetailView)
        assert detail.shown_key == app.query_one(ResultsList).current.key
        await pilot.press("l")
        assert app.focused is detail
        await pilot.press("h")
        assert app.focused is app.query_one(ResultsList)
        await pilot.press("enter")
        assert app.focused is detail


async def test_space_ctrl_d_ctrl_u_scroll_the_detail(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "l")
        detail = app.query_one(DetailView)
        assert detail.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        first = detail.scroll_y
        assert first > 0
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert detail.scroll_y > first
        await pilot.press("ctrl+u", "ctrl+u")
        await pilot.pause()
        assert detail.scroll_y == 0


async def test_o_opens_and_y_copies_the_link(tmp_path, monkeypatch):
    import jobtui.tui.screens.main as main_screen

    monkeypatch.setattr(main_screen, "_has_browser", lambda: True)
    app = app_for(tmp_path)
    opened, copied = [], []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: copied.append(text))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"ello", "enter", "o", "y")
        assert opened == ["mailto:alan@ello.co"]
        assert copied == ["mailto:alan@ello.co"]


async def test_o_without_a_browser_says_so_and_points_to_y(tmp_path, monkeypatch):
    import jobtui.tui.screens.main as main_screen

    monkeypatch.setattr(main_screen, "_has_browser", lambda: False)
    app = app_for(tmp_path)
    opened, said = [], []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        monkeypatch.setattr(app.main, "notify", lambda text, **_: said.append(text))
        await pilot.press(*"ello", "enter", "o")
        assert opened == [] and said and "No web browser found" in said[-1]


async def test_s_cycles_the_sort(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "s")
        assert app.main.sort == "newest"
        await pilot.press("s")
        assert app.main.sort == "salary"
        first = app.query_one(ResultsList).row(0).title
        assert first == "Senior Backend Engineer (Elixir)"  # the only salary
        await pilot.press("s")
        assert app.main.sort == "company"
        companies = [app.query_one(ResultsList).row(i).company for i in range(5)]
        assert companies == ["Diode", "Ello", "Remote", "Sketch", None]
        await pilot.press("s")  # with no query, relevance is newest: that step is skipped
        assert app.main.sort == "newest"
        await pilot.press("slash", *"backend", "enter", "s", "s", "s")
        assert app.main.sort == "relevance"  # a query ranks: relevance is in the cycle again


async def test_letters_typed_in_search_do_not_trigger_actions(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"bsqa")
        assert app.query_one("#search", Input).value == "bsqa"
        assert app.main.sort == "relevance" and app.is_running


async def test_question_mark_shows_help_built_from_bindings(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {b.description for _, bs in app.main.help_sections() for b in bs}
        assert {"Bookmark", "Status", "Open link", "Copy link", "Sort", "Read"} <= described
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "q")
    assert not app.is_running


async def test_b_toggles_bookmark_marker_and_saves(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b")
        row = app.query_one(ResultsList).current
        assert row.status == "saved"
        assert BookmarkStore(tmp_path / "cfg").get(row.key) is not None
        await pilot.press("b")
        assert app.query_one(ResultsList).current.status is None
        assert len(BookmarkStore(tmp_path / "cfg")) == 0


async def test_a_sets_status_through_the_picker(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "a")
        assert isinstance(app.screen, StatusPicker)
        await pilot.press("down", "enter")
        row = app.query_one(ResultsList).current
        assert row.status == "applied"
        await pilot.press("a", "3")
        assert BookmarkStore(tmp_path / "cfg").get(row.key).status == "interviewing"


async def test_n_adds_a_dated_multiline_note(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Called", "enter", *"HR", "ctrl+s")
        key = app.query_one(ResultsList).current.key
        note = BookmarkStore(tmp_path / "cfg").get(key).notes[0]
        assert note.text == "Called\nHR" and note.at.startswith(str(date.today().year))


async def test_B_shows_the_shortlist_with_missing_postings(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["004"])
    store.set_status(seeds["004"].id, "offer")
    from dataclasses import replace

    gone = str(tmp_path / "deleted" / "old-job.md")
    store.add(
        replace(seeds["000"], id="gone00000000", digest="nomatch", title="Old Job", source=gone)
    )
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "B")
        assert app.main.shortlist_mode
        assert sorted(titles(app)) == ["Old Job", "Senior Backend Engineer (Erlang/Elixir, Go)"]
        rows = [app.query_one(ResultsList).row(i) for i in range(2)]
        assert next(r for r in rows if r.title == "Old Job").absent == "file missing"
        await pilot.press("s")
        assert app.main.shortlist_sort == "saved"
        await pilot.press("B")
        assert not app.main.shortlist_mode and len(titles(app)) == 5


def drawn(app: JobApp, row: int) -> tuple[str, str]:
    """The two lines of a list row as they are drawn (the list scrolled to its top)."""
    results = app.query_one(ResultsList)
    return tuple(  # type: ignore[return-value]
        "".join(seg.text for seg in results.render_line(2 * row + part)) for part in (0, 1)
    )


def shortlisted(folder: Path, config: Path, postings: dict[str, str]) -> BookmarkStore:
    """The postings written to `folder` (name to front matter) and all bookmarked."""
    from jobtui.postings.loader import load_postings

    for name, front in postings.items():
        write(folder, name, f"---\n{front}\n---\nWhat the job is.\n")
    store = BookmarkStore(config)
    for p in load_postings([str(folder)]).postings:
        store.add(p)
    return store


async def test_a_shortlisted_posting_whose_file_is_gone_shows_every_field_it_kept(tmp_path):
    folder = tmp_path / "jobs"
    store = shortlisted(
        folder,
        tmp_path / "cfg",
        {
            "sre.md": "title: Site Reliability Engineer\ncompany: Northwind Traders\n"
            "location: Toronto\nremote: hybrid\nsalary: CAD 110,000 - 130,000 per year\n"
            "date: 2026-10-30\ntags: [terraform, kubernetes]\nurl: https://example.com/sre",
            "rust.md": "title: Rust Contractor\ncompany: Ferrous Works\nremote: true\n"
            "salary: EUR 45 - 60 per hour\ndate: 2026-11-20\ntags: [rust]",
        },
    )
    write(folder, "stays.md", "---\ntitle: Stays Here\n---\nText\n")
    sre = next(b for b in store.all() if b.title == "Site Reliability Engineer")
    store.set_status(sre.id, "interviewing")
    (folder / "sre.md").unlink()
    (folder / "rust.md").unlink()
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "B")  # interviewing first, then saved
        await until(pilot, lambda: titles(app) == ["Site Reliability Engineer", "Rust Contractor"])
        # The rows read as a loaded posting's do: remote policy, salary, age.
        sre_top, sre_bottom = drawn(app, 0)
        assert "(file missing)" in sre_top and sre_top.rstrip().endswith("3w")
        assert sre_bottom.rstrip().endswith("interviewing  hybrid  CAD 110k–130k")
        rust_top, rust_bottom = drawn(app, 1)
        assert rust_top.rstrip().endswith("3d")
        assert rust_bottom.rstrip().endswith("saved  remote  €45–60/h")
        await until(pilot, lambda: "Northwind Traders" in detail_text(app))
        said = " ".join(detail_text(app).split())
        assert "file is missing" in said
        for shown in (
            "Location Toronto",
            "Remote hybrid",
            "Salary 110,000–130,000 CAD a year",
            "Posted 2026-10-30 (3w)",
            "Tags terraform, kubernetes",
            "Link https://example.com/sre",
            "Shortlist saved",
        ):
            assert shown in said, shown
        await pilot.press("j")
        await until(pilot, lambda: "Ferrous Works" in detail_text(app))
        said = " ".join(detail_text(app).split())
        assert "Remote remote" in said and "Salary 45–60 EUR an hour" in said
        assert "Posted 2026-11-20 (3d)" in said and "Tags rust" in said
        # Filters see the snapshot too.
        await pilot.press("slash", *"remote:hybrid")
        await until(pilot, lambda: titles(app) == ["Site Reliability Engineer"])


@pytest.mark.parametrize("width", [80, 100, 120, 140])
async def test_a_row_never_cuts_a_figure_whatever_the_width(tmp_path, width):
    folder = tmp_path / "jobs"
    long_title = "Principal Staff Distributed Systems Engineer, Streaming Data Infrastructure"
    store = shortlisted(
        folder,
        tmp_path / "cfg",
        {
            "a.md": f"title: {long_title}\ncompany: Canonical Software Solutions International\n"
            "location: Toronto, Ontario\nremote: hybrid\n"
            "salary: CAD 110,000 - 130,000 per year\ndate: 2026-11-01",
            "b.md": "title: Engineering Manager, Payments Platform and Ledger Services\n"
            "company: International Business Machines Corporation\nremote: true\n"
            "salary: USD 1,200,000 - 1,500,000 a year\ndate: 2026-11-02",
            "c.md": "title: Backend Developer\ncompany: Acme\nlocation: Berlin\n"
            "remote: false\nsalary: EUR 4,000 - 5,000 per month\ndate: 2026-11-03",
            "d.md": "title: Contract Data Engineer (six months, extendable)\n"
            "company: Ferrous Works Limited\nsalary: GBP 550 - 650 per day\ndate: 2026-11-04",
        },
    )
    statuses = {"Principal": "interviewing", "Engineering": "applied", "Backend": "offer"}
    statuses["Contract"] = "withdrawn"
    for b in store.all():
        store.set_status(b.id, statuses[b.title.split()[0]])
        store.set_follow_up(b.id, date(2026, 12, 2))
    forms = {
        "CAD 110k–130k",
        "CAD 110–130k",
        "$1.2M–1.5M",
        "$1.2–1.5M",
        "€4k–5k/mo",
        "€4–5k/mo",
        "£550–650/d",
    }
    steps = statuses.values()
    whole = forms | {"hybrid", "remote", "on-site", *steps, *(f"{s} ↻12-02" for s in steps)}
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(width, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "B")
        await until(pilot, lambda: len(titles(app)) == 4)
        for i in range(4):
            top, bottom = drawn(app, i)
            row = app.query_one(ResultsList).row(i)
            # What stands at the right edge is a whole piece: a salary in a true form, the
            # remote policy, a status or a follow-up date; never one cut short.
            edge = bottom.rstrip().split("  ")[-1].split("… ")[-1]
            assert edge in whole, (width, bottom)
            assert not any(f in bottom for f in ("CAD 110k–13 ", "$1.2M–1. ")), bottom
            assert top.rstrip().endswith(("3w", "2w", "1w")), top
            # The company keeps room enough to be told apart.
            company = bottom.strip().split("…")[0].split(" · ")[0]
            assert len(company) >= min(len(row.company or ""), 10), (width, bottom)
            if width >= 120:  # room for every salary, in one form or the other
                assert any(f in bottom for f in forms), (width, bottom)


async def test_e_exports_and_asks_before_overwriting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", "e")
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#path", Input)
        assert (
            path_input.value == "jobtui-shortlist-2026-11-23.md"
        )  # in the folder it was started in
        path_input.value = str(tmp_path / "mine.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "Backend Developer" in (tmp_path / "mine.md").read_text()
        (tmp_path / "mine.md").write_text("keep me")
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(tmp_path / "mine.md")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # do not overwrite
        await pilot.pause()
        assert (tmp_path / "mine.md").read_text() == "keep me"


async def test_narrow_terminal_switches_panes(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert app.screen.has_class("narrow")
        assert not app.query_one(DetailView).display or not app.query_one(DetailView).region.width
        await pilot.press("enter", "l")
        await pilot.pause()
        assert app.query_one(DetailView).region.width > 70
        await pilot.press("h")
        await pilot.pause()
        assert app.query_one(ResultsList).region.width > 70


async def test_query_error_is_explained_on_screen(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"salary:>>x elixir")
        assert "salary: expected" in str(app.query_one("#query-warning").render())
        assert len(titles(app)) == 4


async def test_a_long_query_warning_is_readable_whole_and_stays_when_nothing_matches(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"tilte:python zzzzqqq")
        warning = app.query_one("#query-warning")
        await pilot.pause()
        assert titles(app) == []
        assert warning.region.height >= 2  # wrapped, not cut at the pane's width
        shown = "".join(
            "".join(s.text for s in warning.render_line(y)) for y in range(warning.region.height)
        )
        assert "did you mean title:" in " ".join(shown.split())
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert warning.region.height == 0  # gone with the mistake


async def test_the_count_line_says_newest_for_an_empty_query(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert "sort: newest" in str(app.query_one("#count").render())
        await pilot.press(*"backend")
        assert "sort: relevance" in str(app.query_one("#count").render())


async def test_the_first_screen_says_how_to_quit(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        keys = [str(key.render()) for key in app.screen.query("FooterKey")]
        assert any("^c" in k and "Quit" in k for k in keys), keys


def notices(app: JobApp) -> list[str]:
    """Every notification the app shows from now on, in order."""
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(message)
        return notify(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return shown


async def test_bad_files_are_reported_in_a_notification(tmp_path):
    write(tmp_path / "jobs", "ok.md", "# Fine Job\n")
    write(tmp_path / "jobs", "empty.md", "")
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    messages = notices(app)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert titles(app) == ["Fine Job"]
        assert any("1 file(s) skipped" in m for m in messages)


async def test_markup_in_postings_is_shown_literally(tmp_path):
    write(
        tmp_path / "jobs",
        "evil.md",
        '---\ntitle: "[bold red]Boss[/] \\e[31m"\ncompany: "[link=x]Co[/link]"\n---\nBody [b]x[/b]\n',
    )
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert titles(app) == ["[bold red]Boss[/]"]
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold red]Boss[/]" in app.query_one(ResultsList).render_line(0).text


async def test_large_folder_loads_in_a_worker_and_detail_matches_selection(tmp_path, many):
    app = app_for(tmp_path, [many])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        assert len(titles(app)) == 60 and not app.loading
        assert not app.query("#progress")  # the progress bar is gone once loaded
        assert "60 / 60" in str(app.query_one("#count").render())  # none counted twice
        await pilot.press("enter", "j", "j")
        await pilot.pause()
        current = app.query_one(ResultsList).current
        assert app.query_one(DetailView).shown_key == current.key
        assert current.title == "Job 26"  # Job 27 and Job 55 share the newest date


async def test_f_sets_and_clears_a_follow_up_date(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "f", *"+3d", "enter")
        key = app.query_one(ResultsList).current.key
        assert BookmarkStore(tmp_path / "cfg").get(key).follow_up == "2026-11-26"
        assert app.query_one(ResultsList).current.follow_up == "2026-11-26"
        await pilot.press("f", *"someday", "enter")  # refused, the dialog stays
        assert "Not a date" in str(app.screen.query_one("#day-help").render())
        await pilot.press("escape")
        await pilot.press("f", "ctrl+u", "enter")  # empty clears
        assert BookmarkStore(tmp_path / "cfg").get(key).follow_up is None


async def test_space_in_the_list_pages_the_detail(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.query_one(DetailView).scroll_y > 0
        assert app.focused is app.query_one(ResultsList)


async def test_every_bound_action_is_in_the_command_palette(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        offered = {action for _desc, action, _key in app.main.palette_actions()}
        bound = {b.action for _, bindings in app.main.help_sections() for b in bindings}
        assert bound - offered == {"app.quit", "leave_search", "clear_or_leave"}
        labels = [desc for desc, _action, _key in app.main.palette_actions()]
        assert len(labels) == len(set(labels))  # no entry twice
        assert {
            "bookmark",
            "status",
            "note",
            "follow_up",
            "shortlist",
            "export",
            "open_link",
            "copy_link",
            "cycle_sort",
            "help",
            "detail_page_down",
        } <= offered


async def test_palette_runs_list_and_detail_actions_from_the_search_bar(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await ready(app, pilot)
        app.main.run_bound_action("cursor_down")
        await pilot.pause()
        assert app.query_one(ResultsList).cursor == 1
        detail = app.query_one(DetailView)
        await until(pilot, lambda: detail.shown_key == app.query_one(ResultsList).current.key)
        app.main.run_bound_action("detail_page_down")
        await pilot.pause()
        assert app.query_one(DetailView).scroll_y > 0
        await app.main.run_bound_action("cycle_sort")
        assert app.main.sort == "newest"


async def test_shortlist_view_follows_the_query(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"erlang", "enter", "b", "slash", "escape", "enter", "b", "B")
        assert len(titles(app)) == 2
        await pilot.press("slash", *"erlang")
        assert titles(app) == ["Senior Backend Engineer (Erlang/Elixir, Go)"]


async def test_a_narrow_list_says_why_it_is_empty_where_no_detail_pane_does(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"zzzqqq")
        await pilot.pause()
        results = app.query_one(ResultsList)
        said = "".join(segment.text for segment in results.render_line(1))
        assert "No posting matches. Press esc to clear the search." in said
        await pilot.resize_terminal(140, 30)  # the detail pane is back and says it
        await pilot.pause()
        assert results.empty_text == ""
        await pilot.resize_terminal(80, 24)
        await pilot.press("escape")
        await pilot.pause()
        assert results.empty_text == "" and len(titles(app)) == 5


async def test_an_empty_list_says_when_hidden_postings_match(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down")
        company = app.query_one(ResultsList).current.company
        assert company
        await pilot.press("x", "slash", *f'company:"{company}"')
        await pilot.pause()
        shown = str(app.query_one(DetailView).query_one("#detail-content").render())
        assert "1 hidden (is:hidden shows them)" in shown
        assert str(app.query_one(CountLine).text).startswith("0 / 5 · ")


async def test_detail_says_loading_until_a_folder_turns_out_empty(tmp_path):
    write(tmp_path / "jobs", "empty.md", "")
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        detail = app.query_one(DetailView)
        text = detail.query_one("#detail-content").render()
        assert "No postings were loaded" in str(text)
        app.main.loading = True  # as while a big folder is still being read
        await pilot.pause()
        assert "Loading postings…" in str(detail.query_one("#detail-content").render())


async def test_removing_a_bookmark_with_work_in_it_asks_and_u_undoes(tmp_path):
    from jobtui.tui.screens.modals import ConfirmScreen

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", "n", *"Phoned Sam", "ctrl+s")
        key = app.query_one(ResultsList).current.key
        await pilot.press("b")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        assert BookmarkStore(tmp_path / "cfg").get(key) is not None
        await pilot.press("b", "y")
        assert BookmarkStore(tmp_path / "cfg").get(key) is None
        assert app.query_one(ResultsList).current.status is None
        await pilot.press("u")  # the removal
        kept = BookmarkStore(tmp_path / "cfg").get(key)
        assert kept is not None and kept.notes[0].text == "Phoned Sam"
        await pilot.press("u", "u")  # the note, then the bookmark itself
        assert BookmarkStore(tmp_path / "cfg").entry(key) is None
        assert app.query_one(ResultsList).current.status is None


async def test_a_plain_bookmark_is_removed_without_asking(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", "b")
        assert app.screen is app.main and len(BookmarkStore(tmp_path / "cfg")) == 0


async def test_a_bookmark_outside_the_open_folder_is_not_called_missing(tmp_path, seeds):
    elsewhere = write(tmp_path / "other", "kept.md", "---\ntitle: Kept Elsewhere\n---\nText\n")
    from jobtui.postings.loader import load_postings

    posting = load_postings([str(elsewhere.parent)]).postings[0]
    BookmarkStore(tmp_path / "cfg").add(posting)
    app = app_for(tmp_path)  # the seeds, not tmp_path/other
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "B")
        row = app.query_one(ResultsList).current
        assert row.title == "Kept Elsewhere" and row.absent == "not in this folder"
        assert "1 / 1" in str(app.query_one("#count").render())
        assert "not in the folder that is open" in detail_text(app)


async def test_bookmarks_saved_by_another_process_appear(tmp_path, seeds):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        BookmarkStore(tmp_path / "cfg").add(seeds["003"])  # as `jobtui bookmark` would
        await until(pilot, lambda: any(app.query_one(ResultsList).row(i).status for i in range(5)))
        await pilot.press("enter", "B")
        assert titles(app) == [seeds["003"].title]


async def test_the_shortlist_count_reads_matches_of_all(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg")
    for key in ("001", "002", "004"):
        store.add(seeds[key])
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "B", "slash", *"erlang")
        assert "1 / 3" in str(app.query_one("#count").render())


async def test_the_export_dialog_works_from_the_keyboard(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", "e")
        assert app.focused is app.screen.query_one("#format")  # the format list, not the file
        await pilot.press("down")  # CSV
        assert app.screen.query_one("#path", Input).value == "jobtui-shortlist-2026-11-23.csv"
        await pilot.press("enter")
        await pilot.pause()
        text = (tmp_path / "jobtui-shortlist-2026-11-23.csv").read_text()
        assert text.startswith("id,status,title")


async def test_a_follow_up_beyond_the_calendar_keeps_the_dialog_open(tmp_path):
    from jobtui.tui.screens.modals import FollowUpScreen

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "f", *"+99999999d", "enter")
        assert isinstance(app.screen, FollowUpScreen)
        assert "Not a date" in str(app.screen.query_one("#day-help").render())


@pytest.mark.parametrize("key", ["f", "a", "n", "e", "question_mark"])
async def test_every_dialog_closes_once_however_fast_keys_come(tmp_path, key, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", key)
        dialog = app.screen
        assert dialog is not app.main
        dialog.dismiss(None)  # enter and enter again, both before the dialog is gone
        dialog.dismiss(None)
        await pilot.pause()
        assert app.is_running and app.screen is app.main


async def test_enter_in_a_confirmation_keeps_things_as_they_are(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "a", "2", "b", "enter")  # applied, then remove? enter
        key = app.query_one(ResultsList).current.key
        assert app.screen is app.main
        assert BookmarkStore(tmp_path / "cfg").get(key).status == "applied"


async def queue_keys(app: JobApp, *keys: str) -> None:
    """Keys arriving faster than the app handles them: all queued before the first is handled."""
    from textual import events

    for key in keys:
        char = key if len(key) == 1 else {"slash": "/"}.get(key)
        app.post_message(events.Key(key, char))


async def test_keys_typed_right_after_slash_go_to_the_search_bar(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")  # to the list
        await queue_keys(app, "slash", "b", "y")
        await pilot.pause()
        assert app.query_one("#search", Input).value == "by"
        assert len(BookmarkStore(tmp_path / "cfg")) == 0  # b did not bookmark


async def test_keys_typed_right_after_enter_act_on_the_list(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await queue_keys(app, "enter", "s")
        await pilot.pause()
        assert app.query_one("#search", Input).value == ""
        assert app.main.sort == "newest"


async def test_a_slash_can_be_typed_into_a_query(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"ci/cd")
        assert app.query_one("#search", Input).value == "ci/cd"


async def test_a_folder_loaded_in_many_batches_is_counted_once(tmp_path):
    folder = tmp_path / "big"
    for i in range(400):  # four batches: the last ones wait to be indexed when loading ends
        write(folder, f"job{i:03}.md", f"---\ntitle: Role {i:03}\n---\nText {i}\n")
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        assert len(titles(app)) == 400
        assert "400 / 400" in str(app.query_one("#count").render())


async def test_an_empty_shortlist_says_so_not_that_nothing_matches(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "B")
        text = str(app.query_one(DetailView).query_one("#detail-content").render())
        assert "The shortlist is empty" in text and "esc to clear" not in text


async def test_esc_in_the_note_dialog_keeps_a_draft(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "n", *"Ask about visa", "escape")
        assert not isinstance(app.screen, NoteScreen)
        key = app.query_one(ResultsList).current.key
        assert BookmarkStore(tmp_path / "cfg").get(key) is None  # nothing saved
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == "Ask about visa"
        await pilot.press(*" sponsorship", "ctrl+s")
        assert BookmarkStore(tmp_path / "cfg").get(key).notes[0].text == (
            "Ask about visa sponsorship"
        )
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == ""  # saved: the draft is gone


async def test_undoing_a_saved_note_keeps_its_text_as_a_draft(tmp_path):
    """`u` after ctrl+s takes the note out of the file, but what was typed is not lost: the
    note dialog reopens with it (before any draft typed since)."""
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "n", *"Recruiter: Priya, call back Thursday", "ctrl+s")
        key = app.query_one(ResultsList).current.key
        assert BookmarkStore(tmp_path / "cfg").get(key).notes[0].text.startswith("Recruiter")
        await pilot.press("n", *"second thought", "escape", "u")
        assert BookmarkStore(tmp_path / "cfg").get(key) is None  # the note (and bookmark)
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == (
            "Recruiter: Priya, call back Thursday\n\nsecond thought"
        )
        await pilot.press("ctrl+s")
        notes = BookmarkStore(tmp_path / "cfg").get(key).notes
        assert [n.text for n in notes] == ["Recruiter: Priya, call back Thursday\n\nsecond thought"]


async def test_ctrl_c_while_writing_a_note_asks_before_losing_it(tmp_path):
    """A note typed and not yet saved nor kept as a draft: ctrl+c asks; no goes back to the
    text, which ctrl+s then saves; a note opened from its draft and left as it was does not
    ask twice over (the draft is counted once)."""
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "n", *"Salary range agreed", "ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        assert "A note being written is not saved." in str(app.screen.query_one(Label).render())
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(TextArea).text == "Salary range agreed"
        await pilot.press("ctrl+s")
        key = app.query_one(ResultsList).current.key
        assert BookmarkStore(tmp_path / "cfg").get(key).notes[0].text == "Salary range agreed"
        await pilot.press("n", *"Draft", "escape", "n", "ctrl+c")
        await pilot.pause()
        said = str(app.screen.query_one(Label).render())
        assert "A note draft was never saved" in said and "being written" not in said
        await pilot.press("y")
        assert not app.is_running


@pytest.mark.parametrize(
    ("keys", "said"),
    [
        (("i", *"tomorrow 9:30", "tab", *"Panel with the CTO"), "An interview being typed"),
        (("f", *"+9d"), "A follow-up being typed"),
        (("e", "tab", "ctrl+u", *"offers.csv"), "An export's file name"),
    ],
)
async def test_ctrl_c_in_any_dialog_with_text_typed_asks_first(tmp_path, keys, said):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b")  # a bookmark, for the dialogs that need one
        await pilot.press(*keys)
        dialog = app.screen
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        assert said in str(app.screen.query_one(Label).render())
        await pilot.press("n")
        assert app.screen is dialog  # back to what was typed
        await pilot.press("ctrl+c", "y")
        assert not app.is_running


async def test_esc_in_the_interview_dialog_asks_before_dropping_what_was_typed(tmp_path):
    from jobtui.tui.screens.modals import InterviewScreen

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", "i", *"+2d 10:00", "tab", *"Pairing session")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.query_one("#label", Input).value == "Pairing session"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("i", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert app.screen is app.main


async def test_a_shortlist_that_cannot_be_saved_keeps_changes_until_it_can(tmp_path, monkeypatch):
    import errno
    import tempfile

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        real = tempfile.mkstemp

        def full(*_a, **_k):  # type: ignore[no-untyped-def]
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(tempfile, "mkstemp", full)
        await pilot.press("enter", "n", *"Recruiter called", "ctrl+s")
        await pilot.pause()
        row = app.query_one(ResultsList).current
        assert row.status == "saved"  # bookmarked in memory
        assert "not saved" in str(app.query_one(CountLine).text)
        detail = app.query_one(DetailView).query_one("#detail-content")
        lines = detail.render_lines(Region(0, 0, detail.size.width, detail.virtual_size.height))
        assert "Recruiter called" in "\n".join(line.text for line in lines)
        assert not (tmp_path / "cfg" / "bookmarks.json").exists()
        await pilot.press("q")  # asks before losing it
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("n")
        monkeypatch.setattr(tempfile, "mkstemp", real)
        app._check_bookmarks()  # what the timer does every few seconds
        await pilot.pause()
        assert "not saved" not in str(app.query_one(CountLine).text)
        saved = BookmarkStore(tmp_path / "cfg").get(row.key)
        assert saved.notes[0].text == "Recruiter called"
        await pilot.press("q")
        assert not app.is_running


async def test_a_bookmark_removed_by_another_jobtui_says_the_cursor_moved(tmp_path, seeds):
    """In the shortlist, the posting under the cursor is removed by the CLI: the list moves the
    cursor to another, and says so (a status key would act on that other posting)."""
    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["002"])
    store.add(seeds["004"])
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "B")
        await pilot.pause()
        key = app.query_one(ResultsList).current.key
        BookmarkStore(tmp_path / "cfg").remove(key)  # the other process
        app._check_bookmarks()  # what the timer does every few seconds
        await pilot.pause()
        assert app.query_one(ResultsList).current.key != key
        assert any("cursor moved" in n.message for n in app._notifications)
        # A change that leaves the cursor's posting where it is says nothing.
        before = len(app._notifications)
        BookmarkStore(tmp_path / "cfg").add_note(app.query_one(ResultsList).current.key, "Hi")
        app._check_bookmarks()
        await pilot.pause()
        assert not any("cursor moved" in n.message for n in list(app._notifications)[before:])


async def test_a_notice_at_start_says_what_is_due(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["002"])
    store.set_follow_up(seeds["002"].id, date(2026, 11, 20))
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert any("Due: 1 overdue" in n.message for n in app._notifications)


def page_text(screen) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import Static

    lines = []
    for widget in screen.query(Static):
        region = Region(0, 0, widget.size.width, widget.virtual_size.height)
        lines += [line.text for line in widget.render_lines(region)]
    return "\n".join(lines)


async def test_A_shows_the_agenda_and_S_the_statistics(tmp_path, seeds):
    from jobtui.tui.screens.pages import Page

    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["001"])
    store.set_status(seeds["001"].id, "applied", on=date(2026, 11, 2))
    store.set_follow_up(seeds["001"].id, date(2026, 11, 24))
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "A")
        assert isinstance(app.screen, Page)
        text = page_text(app.screen)
        assert "This week" in text and "Tue 24 Nov" in text and "follow-up" in text
        await pilot.press("escape", "S")
        assert isinstance(app.screen, Page)
        text = page_text(app.screen)
        assert "Funnel" in text and "Response rate: 0% (0 of 1 applied)" in text
        await pilot.press("q")
        assert app.screen is app.main and app.is_running


async def test_i_adds_an_interview_and_explains_a_bad_time(tmp_path):
    from jobtui.tui.screens.modals import InterviewScreen

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "i")
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press(*"someday", "enter")
        assert isinstance(app.screen, InterviewScreen)  # explained, still open
        app.screen.query_one("#when", Input).value = ""
        await pilot.press(*"2026-11-30 16:15", "tab", *"Final round", "enter")
        assert not isinstance(app.screen, InterviewScreen)
        key = app.query_one(ResultsList).current.key
        (interview,) = BookmarkStore(tmp_path / "cfg").get(key).interviews
        assert interview.at == "2026-11-30T16:15" and interview.label == "Final round"
        # bookmarked by the interview, and interviewing now, on its row too; u undoes both
        assert BookmarkStore(tmp_path / "cfg").get(key).status == "interviewing"
        assert app.query_one(ResultsList).current.status == "interviewing"
        await pilot.press("u")
        assert BookmarkStore(tmp_path / "cfg").entry(key) is None


async def test_x_hides_m_marks_seen_and_u_undoes(tmp_path):
    from jobtui.shortlist.triage import TriageStore

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        first = selected(app)
        key = app.query_one(ResultsList).current.key
        await pilot.press("x")
        assert first not in titles(app) and len(titles(app)) == 4
        assert TriageStore(tmp_path / "cfg").is_hidden(key)
        assert "1 hidden" in str(app.query_one(CountLine).text)
        assert "4 new" in str(app.query_one(CountLine).text)  # a hidden posting is no news
        await pilot.press("u")
        assert first in titles(app) and not TriageStore(tmp_path / "cfg").is_hidden(key)
        key = app.query_one(ResultsList).current.key
        await pilot.press("m")
        assert TriageStore(tmp_path / "cfg").is_seen(key)
        assert "4 new" in str(app.query_one(CountLine).text)
        await pilot.press("M")
        assert len(TriageStore(tmp_path / "cfg").seen()) == 5
        assert not str(app.query_one(CountLine).text).endswith(" new")
        await pilot.press("u")
        assert len(TriageStore(tmp_path / "cfg").seen()) == 1


async def test_a_posting_left_on_screen_becomes_seen_and_is_saved_in_a_batch(tmp_path):
    from jobtui.shortlist.triage import TriageStore

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        key = app.query_one(ResultsList).current.key
        app.main._seen_tick()  # the timer's tick: first sight
        app.main._seen_tick()  # still on screen a tick later: seen
        assert key in app.main.seen_ids
        assert not TriageStore(tmp_path / "cfg").is_seen(key)  # no disk on the key path
        app._check_bookmarks()  # the periodic save
        assert TriageStore(tmp_path / "cfg").is_seen(key)
        row = app.query_one(ResultsList).current
        assert row.seen


async def test_X_blocks_the_company_after_asking(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        company = app.query_one(ResultsList).current.company
        await pilot.press("X")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await until(
            pilot, lambda: all(company not in t for t in titles(app)) and len(titles(app)) == 4
        )
        assert "1 blocked" in str(app.query_one(CountLine).text)
        assert company in (tmp_path / "cfg" / "blocklist.txt").read_text()
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 5)


async def test_X_on_a_blocked_company_offers_to_unblock_and_u_never_drops_a_block(tmp_path):
    """A company blocked in an earlier session: X on its posting (in is:blocked) asks to
    unblock it, u blocks it again as the file wrote it; never a second block whose undo
    deletes the first."""
    from jobtui.shortlist.triage import Blocklist

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        company = app.query_one(ResultsList).current.company
    (tmp_path / "cfg").mkdir(exist_ok=True)
    (tmp_path / "cfg" / "blocklist.txt").write_text(f"# mine\ncompany: {company.upper()}\n")
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 4)
        await pilot.press(*"is:blocked", "enter")
        await until(pilot, lambda: len(titles(app)) == 1)
        await pilot.press("X")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Unblock it?" in str(app.screen.query_one(Label).render())
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert Blocklist(tmp_path / "cfg").companies() == []
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert Blocklist(tmp_path / "cfg").companies() == [company.upper()]
        assert (tmp_path / "cfg" / "blocklist.txt").read_text().startswith("# mine\n")


async def test_copies_show_as_one_row_with_the_others_in_the_detail(tmp_path):
    body = "We build developer tools for remote teams across Europe. " * 6
    for folder in ("board-a", "board-b"):
        write(tmp_path / "jobs" / folder, "sre.md", f"---\ntitle: SRE\ncompany: Acme\n---\n{body}")
    write(tmp_path / "jobs", "other.md", "---\ntitle: Data engineer\ncompany: Acme\n---\nSpark.\n")
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 2)
        results = app.query_one(ResultsList)
        row = next(results.row(i) for i in range(2) if results.row(i).title == "SRE")
        assert row.copies == 2 and len(row.other_copies) == 1
        assert "board-" in row.other_copies[0]


async def test_w_saves_the_search_and_W_runs_it_again(tmp_path):
    from jobtui.shortlist.saved import SavedSearches
    from jobtui.tui.screens.modals import NameScreen, SavedPicker

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"elixir remote:yes", "enter", "w")
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"Elixir jobs", "enter")
        assert SavedSearches(tmp_path / "cfg").all() == {"Elixir jobs": "elixir remote:yes"}
        wanted = sorted(titles(app))
        await pilot.press("slash", "ctrl+u", "escape", "tab")
        assert len(titles(app)) == 5
        await pilot.press("W")
        assert isinstance(app.screen, SavedPicker)
        await pilot.press("enter")
        await until(pilot, lambda: sorted(titles(app)) == wanted)
        assert app.main.query_text == "elixir remote:yes"
        actions = [a for _d, a, _k in app.main.palette_actions()]
        assert "run_saved('Elixir jobs')" in actions


async def test_w_asks_before_replacing_a_saved_search_of_that_name(tmp_path):
    from jobtui.shortlist.saved import SavedSearches
    from jobtui.tui.screens.modals import ConfirmScreen

    SavedSearches(tmp_path / "cfg").add("eu", "berlin remote:yes")
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"elixir", "enter", "w", *"EU", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # the other query would be lost
        await pilot.press("n")
        assert SavedSearches(tmp_path / "cfg").all() == {"eu": "berlin remote:yes"}
        await pilot.press("w", *"eu", "enter", "y")
        await pilot.pause()
        assert SavedSearches(tmp_path / "cfg").all() == {"eu": "elixir"}
        await pilot.press("w", *"eu", "enter")  # the same query again: nothing to lose
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_a_bookmark_belongs_to_every_copy(tmp_path):
    from jobtui.postings.loader import load_postings

    body = "We build developer tools for remote teams across Europe. " * 6
    for folder in ("board-a", "board-b"):
        write(tmp_path / "jobs" / folder, "sre.md", f"---\ntitle: SRE\ncompany: Acme\n---\n{body}")
    copies = load_postings([tmp_path / "jobs"]).postings
    store = BookmarkStore(tmp_path / "cfg")
    store.add(copies[1])
    store.set_status(copies[1].id, "applied")
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 1)
        row = app.query_one(ResultsList).current
        assert row.status == "applied"  # shown on the row, whichever copy stands for it
        await pilot.press("tab", "n", *"called back", "ctrl+s")
        saved = BookmarkStore(tmp_path / "cfg")
        assert len(saved) == 1  # no second bookmark for the other copy
        assert saved.get(copies[1].id).notes[0].text == "called back"
        # On the shortlist too, whichever copy stands for the group in the list.
        await pilot.press("escape", "B")
        await until(pilot, lambda: titles(app) == ["SRE"])
        assert "shortlist 1 / 1" in str(app.query_one(CountLine).text)


async def test_a_hidden_or_blocked_bookmark_stays_on_the_shortlist(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "b")  # bookmarked (the search bar has focus first)
        title = app.query_one(ResultsList).current.title
        await pilot.press("x")  # then hidden from browsing
        await pilot.pause()
        assert title not in titles(app)
        await pilot.press("B")
        await pilot.pause()
        assert titles(app) == [title]
        assert "hidden" not in str(app.query_one(CountLine).text)


async def test_hiding_a_posting_moves_to_the_next_one_not_the_top(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "j")
        after = titles(app)[2]
        await pilot.press("x")
        assert app.query_one(ResultsList).cursor == 1
        assert selected(app) == after


async def test_a_guessed_on_site_is_marked_in_the_list(tmp_path):
    """A place and no word on remote work: on-site is a guess, and the row says so."""
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Baker\nlocation: Lyon\n---\nBread at dawn.\n")
    write(folder, "b.md", "---\ntitle: Welder\nlocation: Gdańsk\nremote: no\n---\nSteel.\n")
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        results = app.query_one(ResultsList)
        lines = {results.row(i).title: results.render_line(i * 2 + 1).text for i in range(2)}
        assert "on-site?" in lines["Baker"]
        assert "on-site" in lines["Welder"] and "on-site?" not in lines["Welder"]


async def test_a_few_big_board_files_load_behind_a_usable_screen(tmp_path, monkeypatch):
    """22 board files of 300 jobs took 25 s before the first frame: few files are loaded
    before it only when they are small too."""
    import json

    folder = tmp_path / "jobs"
    jobs = [
        {
            "id": 4_000_000 + i,
            "title": f"Engineer {i}",
            "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{4_000_000 + i}",
            "location": {"name": "Berlin"},
            "updated_at": "2026-11-20T10:00:00-05:00",
            "content": "&lt;p&gt;" + "Build things. " * 80 + "&lt;/p&gt;",
        }
        for i in range(300)
    ]
    write(folder, "greenhouse-acme.json", json.dumps({"jobs": jobs, "meta": {"total": 300}}))
    import threading

    from jobtui.postings import loader

    released = threading.Event()
    real = loader._load_many

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        released.wait(timeout=3)  # a big board parses for seconds
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "_load_many", slow)
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.loading  # the screen is up while the board loads
        released.set()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: not app.loading)
        assert len(app.index) == 300


async def test_the_count_line_says_loading_before_the_first_posting_not_0_of_0(
    tmp_path, monkeypatch
):
    import threading

    from jobtui.postings import loader

    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Only One\n---\nBody.\n")
    released = threading.Event()
    real = loader.load_file

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        released.wait(timeout=3)  # a slow disk, a big file
        return real(*args, **kwargs)

    from jobtui.tui import app as app_module

    monkeypatch.setattr(app_module, "SYNC_LOAD_LIMIT", 0)  # as for a big folder: in a worker
    monkeypatch.setattr(loader, "load_file", slow)
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        line = str(app.query_one(CountLine).text)
        assert app.loading and line.startswith("loading") and "0 / 0" not in line
        released.set()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: not app.loading)
        line = str(app.query_one(CountLine).text)
        assert line.startswith("1 / 1 · ") and line.endswith(" · sort: newest")


async def test_a_progress_total_passed_shows_a_busy_bar_not_a_false_full_one(tmp_path):
    """The total of a reopen is the last open's count: with more files since, the bar says it
    is busy rather than sitting at 100% while thousands of files are parsed."""
    from textual.widgets import ProgressBar

    app = app_for(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        app.main.start_progress(40)
        app.main.loaded(30, 0, indexed=False)
        await pilot.pause()
        bar = app.query_one("#progress", ProgressBar)
        assert (bar.total, bar.progress) == (40, 30)
        app.main.loaded(41, 0, indexed=False)
        await pilot.pause()
        assert bar.total is None and bar.progress == 41


async def test_keys_held_at_start_keep_their_order_with_keys_that_come_meanwhile(tmp_path):
    """Keys typed before the search bar had focus are given to it before any key typed after
    them, even one already waiting when they are let go."""
    from textual import events

    app = app_for(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        app._early_keys = []  # as while it starts
        app.post_message(events.Key("j", "j"))
        await pilot.pause()
        app.post_message(events.Key("a", "a"))  # waiting in the queue...
        app._release_keys()  # ...when the screen lets the held keys go
        app.post_message(events.Key("v", "v"))
        await until(pilot, lambda: app.query_one("#search", Input).value == "jav")


async def test_a_hidden_posting_stays_hidden_after_its_file_is_edited(tmp_path):
    from jobtui.cli import main as cli
    from jobtui.shortlist.triage import TriageStore

    folder = tmp_path / "jobs"
    write(folder, "kiln.md", "---\ntitle: Kiln Operator\ncompany: Potters Guild\n---\nFire.\n")
    write(folder, "loom.md", "---\ntitle: Loom Technician\ncompany: Weavers\n---\nLooms.\n")
    write(folder, "forge.md", "---\ntitle: Blacksmith\ncompany: Anvil Works\n---\nHammer.\n")
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "Kiln Operator" in titles(app))
        while selected(app) != "Kiln Operator":
            await pilot.press("down")
        await pilot.press("x")
        assert "Kiln Operator" not in titles(app)
        # Hidden from the command line while the app runs: the app follows within seconds.
        forge = next(p.id for p in app.index.postings if p.title == "Blacksmith")
        assert cli(["hide", forge, "--in", str(folder), "--config-dir", str(tmp_path / "cfg")]) == 0
        app._check_bookmarks()  # what the timer does every few seconds
        await until(pilot, lambda: "Blacksmith" not in titles(app))
    kiln = folder / "kiln.md"
    kiln.write_text(kiln.read_text().replace("Fire.", "Fire the kilns, nights included."))
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert titles(app) == ["Loom Technician"]
        assert "2 hidden" in str(app.query_one(CountLine).text)
    new = next(p.id for p in app.index.postings if p.title == "Kiln Operator")
    assert TriageStore(tmp_path / "cfg").is_hidden(new)


async def test_x_on_a_row_of_copies_saves_every_copy_hidden(tmp_path):
    from jobtui.postings.loader import load_postings
    from jobtui.shortlist.triage import TriageStore

    body = "We repair wind turbines along the coast, in every season. " * 6
    for folder in ("board-a", "board-b"):
        write(
            tmp_path / "jobs" / folder,
            "tech.md",
            f"---\ntitle: Turbine Tech\ncompany: Gale\n---\n{body}",
        )
    write(tmp_path / "jobs", "other.md", "---\ntitle: Welder\ncompany: Arc\n---\nWeld.\n")
    copies = {
        p.id for p in load_postings([tmp_path / "jobs"]).postings if p.title == "Turbine Tech"
    }
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 2)
        await pilot.press("down")
        while selected(app) != "Turbine Tech":
            await pilot.press("down")
        await pilot.press("x")
        await until(pilot, lambda: titles(app) == ["Welder"])
        assert set(TriageStore(tmp_path / "cfg").hidden()) == copies  # the CLI reads both
        await pilot.press("u")
        await until(pilot, lambda: len(titles(app)) == 2)
        assert not TriageStore(tmp_path / "cfg").hidden()


async def test_M_marks_the_copies_a_row_stands_for_and_none_stay_new(tmp_path):
    from jobtui.shortlist.triage import TriageStore

    body = "Plan the harvest rota across three estates and keep the presses running. " * 5
    for city in ("Porto", "Regua", "Pinhao"):
        write(tmp_path / "jobs", f"{city}.md",
              f"---\ntitle: Vineyard Lead\ncompany: Quinta Alta\nlocation: {city}\n---\n{body}")  # fmt: skip
    write(tmp_path / "jobs", "cellar.md", "---\ntitle: Cellar Hand\ncompany: Adega\n---\nCasks.\n")
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 2)
        results = app.query_one(ResultsList)
        (lead,) = [results.row(i) for i in range(2) if results.row(i).title == "Vineyard Lead"]
        assert lead.copies == 3 and lead.location.endswith(" +2")  # two more places
        assert lead.location[:-3] in ("Porto", "Regua", "Pinhao")
        assert "4 new" in str(app.query_one(CountLine).text)
        await pilot.press("enter", "M")  # (from the search bar to the list)
        await until(pilot, lambda: len(TriageStore(tmp_path / "cfg").seen()) == 4)
        line = str(app.query_one(CountLine).text)
        assert line.startswith("2 / 4 · ") and "new ·" not in line  # no copy left as news
        app.main.query_text = "is:new"
        await until(pilot, lambda: titles(app) == [])
    # One copy seen (read on screen, or by another jobtui): the job is, every copy with it.
    store = TriageStore(tmp_path / "cfg")
    store.mark_unseen(list(store.seen()))
    store.mark_seen([next(p.id for p in app.index.postings if p.location == "Regua")])
    app = app_for(tmp_path, [str(tmp_path / "jobs")])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 2)
        assert "· 1 new ·" in str(app.query_one(CountLine).text)  # the cellar hand only
        app.main.query_text = "is:new"
        await until(pilot, lambda: titles(app) == ["Cellar Hand"])


async def test_M_on_the_shortlist_marks_what_it_lists_only(tmp_path):
    from jobtui.shortlist.triage import TriageStore

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "b")
        key = app.query_one(ResultsList).current.key
        await pilot.press("B")
        await until(pilot, lambda: len(titles(app)) == 1)
        await pilot.press("M")
        await pilot.pause()
        assert set(TriageStore(tmp_path / "cfg").seen()) == {key}  # not the 4 others


async def test_an_export_to_a_folder_that_does_not_exist_keeps_the_path_to_correct(tmp_path):
    from jobtui.tui.screens.modals import ExportScreen

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "b", "e", "tab", "ctrl+u")
        wanted = str(tmp_path / "no-such-folder" / "offers.csv")
        await pilot.press(*wanted, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # still open, the path kept
        assert app.screen.query_one("#path", Input).value == wanted
        said = str(app.screen.query_one("#export-help", Label).render())
        assert f"No folder {tmp_path / 'no-such-folder'}" in said
        assert ".tmp" not in said


async def test_a_new_sort_keeps_the_posting_being_read_selected(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "down", "down")
        reading = selected(app)
        for _ in range(3):  # every order: it moves, it stays the one selected
            await pilot.press("s")
            await pilot.pause()
            assert selected(app) == reading


async def test_a_company_blocked_from_the_command_line_leaves_the_running_app(tmp_path):
    from jobtui.cli import main as cli

    app = app_for(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        company = app.query_one(ResultsList).current.company
        assert cli(["block", "company", company, "--config-dir", str(tmp_path / "cfg")]) == 0
        app._check_bookmarks()  # what the timer does every few seconds
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(titles(app)) == 4)


async def test_a_bookmark_gone_from_a_board_file_that_is_open_says_so(tmp_path):
    import json

    board = {
        "jobs": [
            {
                "id": 700 + n,
                "title": title,
                "absolute_url": f"https://boards.greenhouse.io/kilnworks/jobs/{700 + n}",
                "location": {"name": "Stoke-on-Trent"},
                "updated_at": "2026-11-02T09:00:00Z",
                "content": f"&lt;p&gt;{title}: fire the kilns.&lt;/p&gt;",
            }
            for n, title in enumerate(["Kiln Technician", "Glaze Chemist"])
        ]
    }
    folder = tmp_path / "jobs"
    folder.mkdir()
    (folder / "acme.json").write_text(json.dumps(board))
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.press("down", "b")
        title = selected(app)
    kept = [j for j in board["jobs"] if j["title"] != title]
    assert len(kept) == len(board["jobs"]) - 1
    (folder / "acme.json").write_text(json.dumps({**board, "jobs": kept}))  # the board's refresh
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.press("down", "B")  # (the search bar has focus first)
        await until(pilot, lambda: titles(app) == [title])
        await pilot.pause(0.3)
        said = detail_text(app)
        assert "no longer in its file" in said and "not in the folder" not in said


async def test_copies_found_after_the_screen_is_gone_are_dropped(tmp_path):
    """The copies worker may finish while the app closes (its widgets gone): what it found is
    dropped, not shown on a screen without its list (a NoMatches that failed the app)."""
    from jobtui.postings.duplicates import group

    app = app_for(tmp_path, [str(Path(__file__).parents[2] / "seeds")])
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.main
        groups = group(list(main.index.postings))
        await main.query_one(CountLine).remove()
        await main.query_one(ResultsList).remove()
        main._if_shown(main._copies_found, groups)  # nothing to show it on: nothing raised
        shown: list[object] = []
        main._if_shown(shown.append, groups)
        assert shown == []
