"""The core must stay usable from scripts without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "jobtui.postings.model",
    "jobtui.postings.text",
    "jobtui.postings.vocab",
    "jobtui.postings.extract",
    "jobtui.postings.salary",
    "jobtui.postings.loader",
    "jobtui.postings.cache",
    "jobtui.search.query",
    "jobtui.search.index",
    "jobtui.search.segments",
    "jobtui.search.bulk",
    "jobtui.search.engine",
    "jobtui.shortlist.store",
    "jobtui.shortlist.export",
    "jobtui.storage",
    "jobtui.tui.render",
    "jobtui.cli",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
