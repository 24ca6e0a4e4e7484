"""Our Textual subclasses must not reuse a private name of Textual's own classes.

Two such clashes were real bugs: an app method `_flush` replaced Textual's output flush, and a
dialog flag `_closed` marked the screen's message pump as closed, so the app hung on esc.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from functools import cache

import pytest

import jobtui.tui


def our_textual_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(jobtui.tui.__path__, "jobtui.tui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and any(
                base.__module__.startswith("textual") for base in cls.__mro__[1:]
            ):
                found.append(cls)
    return found


def private_names(cls: type) -> set[str]:
    """Names starting with one underscore that the class's source defines (methods, class
    attributes) or assigns on `self`."""
    tree = ast.parse(inspect.getsource(cls).lstrip())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)  # class attributes (and locals, which are harmless here)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and isinstance(node.ctx, ast.Store)
        ):
            names.add(node.attr)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


@cache
def textual_names(cls: type) -> frozenset[str]:
    names: set[str] = set()
    for base in cls.__mro__[1:]:
        if base.__module__.startswith("textual"):
            names.update(private_names(base))
            names.update(n for n in vars(base) if n.startswith("_") and not n.startswith("__"))
    return frozenset(names)


CLASSES = our_textual_classes()


def test_the_check_sees_our_classes_and_textual_names():
    assert {c.__name__ for c in CLASSES} >= {"JobApp", "MainScreen", "ResultsList", "Dialog"}
    from textual.app import App

    assert "_flush" in textual_names(type("Probe", (App,), {}))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_no_private_name_of_textual_is_reused(cls):
    clashes = {n for n in private_names(cls) if n in textual_names(cls)}
    assert not clashes, f"{cls.__name__} reuses Textual's private {sorted(clashes)}"
