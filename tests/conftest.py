"""Shared fixtures: the bundled seeds, and a temporary config dir so no test touches the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtui.postings.loader import bundled_seeds, load_postings
from jobtui.postings.model import Posting

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(config))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config / "xdg"))
    monkeypatch.setenv("JOBTUI_CACHE_DIR", str(config / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(config / "xdg-cache"))
    monkeypatch.setenv("JOBTUI_DATA_DIR", str(config / "data"))  # fetched postings
    monkeypatch.setenv("XDG_DATA_HOME", str(config / "xdg-data"))
    return config


@pytest.fixture(scope="session")
def seeds() -> dict[str, Posting]:
    """The five bundled postings keyed by their number (`000` ... `004`)."""
    result = load_postings([bundled_seeds()])
    assert not result.problems
    return {Path(p.source).name[:3]: p for p in result.postings}


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def make_posting(pid: str = "x", title: str = "Dev", body: str = "", **fields: object) -> Posting:
    """A Posting for tests: every field not given is empty."""
    values: dict[str, object] = {
        "company": None,
        "location": None,
        "remote": None,
        "salary": None,
        "tags": (),
        "posted": None,
        "url": None,
    }
    values.update(fields)
    return Posting(id=pid, source=f"{pid}.md", title=title, body=body, **values)  # type: ignore[arg-type]


@pytest.fixture
def tokenised(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the postings the word index tokenises, as it tokenises them."""
    seen: list[str] = []
    from jobtui.search.index import WordIndex

    real = WordIndex.add

    def add(self, postings, meanwhile=None, bodies=None):  # type: ignore[no-untyped-def]
        batch = list(postings)
        seen.extend(p.title for p in batch)
        return real(self, batch, meanwhile, bodies)

    monkeypatch.setattr(WordIndex, "add", add)
    return seen
