"""Fields a posting states in a Markdown table, and in labelled lines written in Japanese,
Chinese or Korean, are read as any labelled line is."""

from __future__ import annotations

from datetime import date

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.extract.dates import parse_date
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.tables import as_labelled_lines, cells
from jobtui.postings.loader import load_postings
from jobtui.postings.model import Salary
from jobtui.postings.salary import parse_salary
from jobtui.postings.text import clean_markdown
from tests.conftest import write


def read(body: str, meta: dict | None = None) -> Fields:
    return extract(meta or {}, clean_markdown(body), "posting.md")


def stated(f: Fields) -> dict[str, object]:
    """The fields a body gave (a title from the file name is not one)."""
    names = ("title", "company", "location", "remote", "salary", "posted")
    return {n: getattr(f, n) for n in names if f.origins.get(n) == "body"}


# Key/value tables


def test_a_key_value_table_gives_its_fields_as_labelled_lines_would():
    f = read(
        "Intro text.\n\n"
        "| Employer | Vollmer Werke AG |\n"
        "| --- | --- |\n"
        "| Work location | Hamburg, Germany |\n"
        "| Date posted | 2024-11-19 |\n"
        "| Compensation | €72,000 – €81,000 |\n"
        "\nMore text.\n"
    )
    assert f.company == "Vollmer Werke AG"
    assert f.location == "Hamburg, Germany"
    assert f.posted == date(2024, 11, 19)
    assert f.salary == Salary(72_000, 81_000, "EUR", "year")
    assert {f.origins[n] for n in ("company", "location", "posted", "salary")} == {"body"}


def test_the_table_reads_the_same_as_the_lines_it_stands_for():
    rows = [
        ("Company", "[Quillon Labs](https://quillon.example)"),
        ("**Location**", "Porto, Portugal · Engineering"),
        ("Remote", "No"),
        ("Posted", "5 March 2025"),
        ("Salary", "£48k - £55k per year"),
        ("Job title", "Platform Engineer"),
    ]
    table = "| " + " | ".join(rows[0]) + " |\n|:--|--:|\n"
    table += "".join(f"| {label} | {value} |\n" for label, value in rows[1:])
    lines = "".join(f"{label.strip('*')}: {value}\n" for label, value in rows)
    from_table, from_lines = stated(read(table)), stated(read(lines))
    assert from_table == from_lines
    assert from_table["company"] == "Quillon Labs"  # the link's text, as on a line
    assert from_table["location"] == "Porto, Portugal"
    assert from_table["remote"] is False
    assert from_table["title"] == "Platform Engineer"


def test_a_blank_or_generic_header_is_not_a_row():
    for header in ("|  |  |", "| Field | Value |", "| **Key** | **Details** |"):
        f = read(f"{header}\n|---|---|\n| Company | Brightwater Ltd |\n| City | Leeds |\n")
        assert f.company == "Brightwater Ltd"
        assert f.location is None  # `City` is not a label of a place's line either


def test_labels_in_emphasis_with_a_colon_and_in_any_case():
    f = read("| __COMPANY:__ | Ostrava Data s.r.o. |\n|-|-|\n| *based in* | Brno |\n")
    assert f.company == "Ostrava Data s.r.o."
    assert f.location == "Brno"


def test_a_placeholder_in_a_table_is_refused_as_on_a_line():
    f = read("| Company | N/A |\n|---|---|\n| Location | TBD |\n| Salary | competitive |\n")
    assert (f.company, f.location, f.salary) == (None, None, None)


def test_an_empty_value_cell_does_not_take_the_next_line():
    f = read("| Location |  |\n|---|---|\n| Company | Kestrel Bio |\n")
    assert f.location is None
    assert f.company == "Kestrel Bio"


def test_a_row_with_more_than_a_label_and_a_value_is_not_read():
    f = read(
        "| Role | Junior | Senior |\n|---|---|---|\n"
        "| Salary | €40,000 | €70,000 |\n| Location | Berlin | Munich |\n"
    )
    assert f.location is None


# Header tables


def test_a_header_of_labels_over_one_row_of_values():
    f = read(
        "| Team | Company | Location | Remote | Posted |\n"
        "|------|---------|----------|--------|--------|\n"
        "| Data | Lumen Freight | Rotterdam | Yes | 12 February 2025 |\n"
    )
    assert f.company == "Lumen Freight"
    assert f.location == "Rotterdam"
    assert f.remote is True
    assert f.posted == date(2025, 2, 12)


def test_a_header_of_labels_over_several_rows_is_data():
    f = read(
        "| Company | Location | Salary |\n|---|---|---|\n"
        "| Alder | Oslo | NOK 700,000 |\n| Birch | Bergen | NOK 650,000 |\n"
    )
    assert (f.company, f.location, f.salary) == (None, None, None)


def test_a_row_of_labels_under_a_header_of_labels_is_a_key_value_table():
    f = read("| Location | Remote |\n|---|---|\n| Company | Acme Robotics |\n")
    assert f.company == "Acme Robotics"
    assert f.location == "Remote"  # as `Location: Remote` reads


def test_a_header_mostly_not_labels_is_not_read():
    f = read("| Name | Role | Location | Since |\n|---|---|---|---|\n| Ana | CTO | Lima | 2019 |\n")
    assert f.location is None
    assert f.title != "CTO"


# Tables that state no field


@pytest.mark.parametrize(
    "table",
    [
        "| Language | Python |\n|---|---|\n| Database | PostgreSQL |\n| Queue | Kafka |\n",
        "| Benefit | Details |\n|---|---|\n| Health | Full cover |\n| Pension | 5% |\n"
        "| Location | Remote-friendly office |\n| Learning | €1,000 a year |\n",
        "| Role | Description |\n|---|---|\n| Backend | Builds the API |\n| Frontend | UI |\n",
        "| Position | Description |\n|---|---|\n| Backend | Builds the API |\n",
        "| Company | Acme |\n| Location | Berlin |\n",  # no delimiter line: not a table
        "Company | Acme\n---\n",  # a heading underlined, not a table
    ],
)
def test_tables_that_are_not_key_value_give_nothing(table):
    f = read(table)
    assert (f.company, f.location, f.salary, f.posted) == (None, None, None, None)
    assert f.title not in ("Description", "Junior")


def test_a_table_without_outer_pipes():
    f = read("Company | Fenwick & Daughters\n--- | ---\nLocation | Glasgow, UK\n")
    assert (f.company, f.location) == ("Fenwick & Daughters", "Glasgow, UK")


# Precedence: as between two labelled lines


def test_a_labelled_line_before_a_table_wins():
    f = read("Company: Harbor Systems\n\n| Company | Other Name |\n|---|---|\n")
    assert f.company == "Harbor Systems"


def test_a_table_before_a_labelled_line_wins_as_the_earlier_line_would():
    body = "| Location | Lyon, France |\n|---|---|\n\nLocation: Paris\n"
    assert read(body).location == "Lyon, France"
    assert read("Location: Lyon, France\n\nLocation: Paris\n").location == "Lyon, France"


def test_front_matter_wins_over_a_table():
    f = read("| Company | From Table |\n|---|---|\n", meta={"title": "X", "company": "Front"})
    assert f.company == "Front"
    assert f.origins["company"] == "front matter"


# Cells


def test_escaped_pipes_and_inline_code_do_not_split_cells():
    assert cells(r"| a \| b | `x | y` | c |") == [" a | b ", " `x | y` ", " c "]
    assert cells("| `unclosed | b |") == [" `unclosed ", " b "]
    assert cells("| ``a ` | b`` | c |") == [" ``a ` | b`` ", " c "]
    f = read(
        "| Stack | `grep a | b` |\n|---|---|\n| Company | Pipe \\| Works |\n| Location | Vienna |\n"
    )
    assert f.company == "Pipe"  # `Pipe | Works`, as a line of two fields reads
    assert f.location == "Vienna"


def test_a_body_without_a_table_is_returned_as_it_is():
    body = "Plain text | with a pipe\n- a list\n- --- item\n"
    assert as_labelled_lines(body) is body


def test_cleaning_still_applies_to_what_a_table_gives(tmp_path):
    write(
        tmp_path,
        "job.md",
        "# Engineer\n\n| Company | Evil\u202eCorp\x1b[2J |\n|---|---|\n| Location | Oslo\u200b |\n",
    )
    [posting] = load_postings([tmp_path]).postings
    assert posting.company == "EvilCorp"
    assert posting.location == "Oslo"


# Japanese, Chinese and Korean labels


def test_a_japanese_posting_gives_every_field():
    f = read(
        "会社名：株式会社ミドリ技研\n"
        "職種：バックエンドエンジニア\n"
        "勤務地：東京都渋谷区\n"
        "給与：年収600万円〜900万円\n"
        "雇用形態：正社員\n"
        "掲載日：2025年3月4日\n"
        "リモート：可\n"
    )
    assert f.company == "株式会社ミドリ技研"
    assert f.title == "バックエンドエンジニア"
    assert f.location == "東京都渋谷区"
    assert f.salary == Salary(6_000_000, 9_000_000, "JPY", "year")
    assert f.posted == date(2025, 3, 4)
    assert f.remote is True
    assert set(f.origins.values()) == {"body"}


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("会社: Kaze Systems", "company", "Kaze Systems"),
        ("**企業名**：合同会社ヒカリ", "company", "合同会社ヒカリ"),
        ("公司：深圳云帆科技有限公司", "company", "深圳云帆科技有限公司"),
        ("회사명: 한빛소프트", "company", "한빛소프트"),
        ("勤務場所: 大阪府大阪市北区", "location", "大阪府大阪市北区"),
        ("- 就業場所：福岡県福岡市", "location", "福岡県福岡市"),
        ("工作地点：上海", "location", "上海"),
        ("근무지: 서울 강남구", "location", "서울 강남구"),
        ("Location：Kyoto", "location", "Kyoto"),  # a full-width colon after an English label
        ("Company：Sora Inc.", "company", "Sora Inc."),
        ("募集職種：データエンジニア", "title", "データエンジニア"),
        ("ポジション: SRE", "title", "SRE"),
        ("职位：后端开发工程师", "title", "后端开发工程师"),
        ("직무: 백엔드 개발자", "title", "백엔드 개발자"),
        ("公開日：2024/12/1", "posted", date(2024, 12, 1)),
        ("掲載開始日: 2025年1月15日（水）", "posted", date(2025, 1, 15)),
        ("发布日期：2025-02-03", "posted", date(2025, 2, 3)),
        ("게시일: 2025년 2월 3일", "posted", date(2025, 2, 3)),
        ("Posted：2025-02-03", "posted", date(2025, 2, 3)),
    ],
)
def test_cjk_labels_and_the_full_width_colon(line, field, expected):
    f = read(f"Intro.\n\n{line}\n")
    assert getattr(f, field) == expected
    assert f.origins[field] == "body"


@pytest.mark.parametrize(
    ("line", "remote", "hybrid"),
    [
        ("リモート：可", True, False),
        ("リモートワーク: 不可", False, False),
        ("在宅勤務：あり", True, False),
        ("勤務形態：フルリモート", True, False),
        ("働き方：一部リモート（週2日出社）", None, True),
        ("フルリモート", True, False),
        ("远程工作：可以", True, False),
        ("원격 근무: 불가", False, False),
    ],
)
def test_cjk_remote_fields(line, remote, hybrid):
    f = read(f"勤務地：東京都\n{line}\n")
    assert (f.remote, f.hybrid) == (remote, hybrid)


def test_a_remote_word_in_a_sentence_is_not_a_field():
    f = read("弊社ではリモートワークの導入を検討しています。\n")
    assert f.remote is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年3月4日", date(2025, 3, 4)),
        ("2025 年 03 月 04 日", date(2025, 3, 4)),
        ("2025/3/4", date(2025, 3, 4)),
        ("2025년 3월 4일", date(2025, 3, 4)),
        ("2025. 3. 4.", date(2025, 3, 4)),
    ],
)
def test_days_written_year_first(text, expected):
    assert parse_date(text) == expected


def test_a_day_that_does_not_exist_is_not_read():
    with pytest.raises(ValueError):
        parse_date("2025年2月30日")
    assert read("掲載日：2025年2月30日\n").posted is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("給与：月給30万円以上", Salary(300_000, None, "JPY", "month")),
        ("給与：月給28万円〜", Salary(280_000, None, "JPY", "month")),
        ("想定年収：450万円～（経験を考慮）", Salary(4_500_000, None, "JPY", "year")),
        ("年収：500万円~800万円", Salary(5_000_000, 8_000_000, "JPY", "year")),
        ("月薪1.5万元起", Salary(15_000, None, "CNY", "month")),
    ],
)
def test_cjk_salaries_with_a_minimum_only(text, expected):
    assert parse_salary(text) == expected


def test_a_japanese_table():
    f = read(
        "| 項目 | 内容 |\n|---|---|\n| 会社名 | 株式会社アオバ |\n| 勤務地 | 名古屋市中区 |\n"
        "| 給与 | 月給35万円以上 |\n| 掲載日 | 2025/2/20 |\n| リモート | 不可 |\n"
    )
    assert f.company == "株式会社アオバ"
    assert f.location == "名古屋市中区"
    assert f.salary == Salary(350_000, None, "JPY", "month")
    assert f.posted == date(2025, 2, 20)
    assert f.remote is False
