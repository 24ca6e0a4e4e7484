"""The core must stay usable from scripts without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "jobtui.model",
    "jobtui.text",
    "jobtui.vocab",
    "jobtui.extract",
    "jobtui.salary",
    "jobtui.loader",
    "jobtui.cache",
    "jobtui.query",
    "jobtui.index",
    "jobtui.segments",
    "jobtui.bulk",
    "jobtui.search",
    "jobtui.bookmarks",
    "jobtui.export",
    "jobtui.paths",
    "jobtui.render",
    "jobtui.cli",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
