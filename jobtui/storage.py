"""Where jobtui keeps the person's data; every location can be overridden for tests and scripts."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

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


CONFIG_FILE = "config.toml"
"""The person's settings, a TOML file in the config directory that they edit by hand."""


def read_config(
    directory: str | os.PathLike[str] | None = None,
) -> tuple[dict[str, Any], str | None]:
    """config.toml as a dict, and a message to show when it could not be read (then `{}`).

    A missing file is no problem (no message); an unreadable or malformed one never raises,
    so a typo in the settings can not stop the app from starting.
    """
    path = config_dir(directory) / CONFIG_FILE
    try:
        with path.open("rb") as f:
            return tomllib.load(f), None
    except FileNotFoundError:
        return {}, None
    except tomllib.TOMLDecodeError as e:
        return {}, f"{path}: not valid TOML ({e}); using the default settings"
    except (OSError, UnicodeDecodeError) as e:
        return {}, f"{path}: could not be read ({e}); using the default settings"
