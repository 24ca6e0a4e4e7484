"""numpy, imported on first use: the first screen shows without waiting for it.

`np` stands for the numpy module everywhere in the search package; `load_numpy()` imports it
ahead of need (from a loading thread, so no keystroke pays for it).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

_numpy: ModuleType | None = None


def load_numpy() -> Any:
    """Import numpy once; safe to call from any thread."""
    global _numpy
    if _numpy is None:
        import numpy

        _numpy = numpy
    return _numpy


class _Numpy:
    """numpy's names, imported at the first use of any; each then is a plain attribute."""

    def __getattr__(self, name: str) -> Any:
        value = getattr(load_numpy(), name)
        setattr(self, name, value)
        return value


np: Any = _Numpy()
"""Use as the numpy module."""
