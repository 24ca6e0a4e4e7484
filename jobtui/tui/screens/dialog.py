"""The base of every modal: it closes once, however fast keys arrive."""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


async def _nothing() -> None:
    return None


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose `dismiss` acts only the first time: enter pressed twice before
    the screen is gone must not close the screen beneath it (or fail on an empty stack)."""

    _dismissed = False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:
            return AwaitComplete(_nothing())
        self._dismissed = True
        return super().dismiss(result)
