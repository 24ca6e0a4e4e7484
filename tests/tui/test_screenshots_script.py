"""The script that makes the README's screenshots must keep working as the code moves."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "screenshots" / "generate.py"


def test_the_screenshot_script_imports_the_app_factory():
    spec = importlib.util.spec_from_file_location("generate_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # imports only; shoots nothing
    assert callable(module.make_app) and callable(module.shoot)
