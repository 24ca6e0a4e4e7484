"""Key names as a person reads them (`?`, `/`, `esc`), for the help screen and the palette."""

from __future__ import annotations


def key_label(keys: str) -> str:
    """`question_mark` reads `?`; several keys (`j,down`) read `j ↓`."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "escape": "esc",
        "enter": "enter",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "space": "space",
        "down": "↓",
        "up": "↑",
        "left": "←",
        "right": "→",
    }
    return " ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))
