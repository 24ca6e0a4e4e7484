"""Statistics: the funnel counts how far each application got, the response rate and the days
to an answer come from the dated history, and the pictures are drawn to scale."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from jobtui.shortlist.stats import LADDER, bar, compute, pictures, sparkline
from jobtui.shortlist.store import BookmarkStore

TODAY = date(2026, 11, 23)


def build(tmp_path, seeds):  # type: ignore[no-untyped-def]
    s = BookmarkStore(tmp_path / "cfg")
    ps = [
        replace(seeds[k], source=f"/boards/{b}/{k}.md")
        for k, b in (("000", "hn"), ("001", "hn"), ("002", "wwr"), ("003", "wwr"), ("004", "hn"))
    ]
    for p in ps:
        s.add(p)
    s.set_status(ps[0].id, "applied", on=date(2026, 10, 1))
    s.set_status(ps[0].id, "interviewing", on=date(2026, 10, 11))
    s.set_status(ps[0].id, "rejected", on=date(2026, 10, 20))  # got to interviewing
    s.set_status(ps[1].id, "applied", on=date(2026, 11, 2))
    s.set_status(ps[1].id, "rejected", on=date(2026, 11, 6))
    s.set_status(ps[2].id, "applied", on=date(2026, 11, 3))  # no answer yet
    s.set_status(ps[3].id, "offer", on=date(2026, 11, 20))  # steps not recorded
    return s


def test_the_funnel_counts_each_stage_reached(tmp_path, seeds):
    st = compute(build(tmp_path, seeds).all(), TODAY)
    assert st.funnel == {"saved": 5, "applied": 4, "interviewing": 2, "offer": 1}
    assert st.rejected == 2 and st.responded == 3
    assert st.response_rate == 3 / 4
    assert sorted(st.days_to_response) == [4, 10] and st.median_days == 7
    # Every application the funnel counts, in a month: the offer without its steps in the
    # month of the offer (the funnel said 4 applied and the months 3).
    assert st.by_month == {"2026-10": 1, "2026-11": 3}
    assert sum(st.by_month.values()) == st.funnel["applied"]
    assert st.by_source == {"hn": (2, 2), "wwr": (2, 1)}
    assert sum(st.weekly) > 0 and len(st.weekly) == 12


def test_the_pictures_are_to_scale(tmp_path, seeds):
    assert bar(10, 10, 10) == "█" * 10 and bar(5, 10, 10) == "█" * 5 and bar(0, 10) == ""
    assert bar(1, 80, 10) == "▏"  # small but not nothing
    assert sparkline([0, 4, 8]) == "▁▅█" and sparkline([0, 0]) == "▁▁"
    lines = pictures(compute(build(tmp_path, seeds).all(), TODAY))
    funnel = {ln.split()[0]: ln for ln in lines[1 : 1 + len(LADDER)]}
    assert funnel["saved"].endswith("█" * 30) and funnel["offer"].count("█") == 6
    assert any(ln.startswith("Response rate: 75% (3 of 4 applied)") for ln in lines)
    assert pictures(compute([], TODAY))[0].startswith("No applications yet")


def test_stats_from_the_command_line(tmp_path, seeds, capsys, monkeypatch):
    import json

    from jobtui.cli import main

    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(tmp_path / "cfg"))
    build(tmp_path, seeds)
    capsys.readouterr()
    assert main(["stats", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["funnel"]["applied"] == 4 and data["response_rate"] == 0.75
    assert main(["stats"]) == 0
    assert "Funnel" in capsys.readouterr().out
