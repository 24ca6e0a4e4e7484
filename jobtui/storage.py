"""Where jobtui keeps the person's data; every location can be overridden for tests and scripts."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path

ENV_CONFIG_DIR = "JOBTUI_CONFIG_DIR"


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The flag if given, else $JOBTUI_CONFIG_DIR, else the platform's user config folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env).expanduser()
    return user_config_path("jobtui", appauthor=False)
