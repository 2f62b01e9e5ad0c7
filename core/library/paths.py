"""Which files lie in a folder, decided on path parts, for every platform's paths.

A prefix test on strings with "/" fails on Windows (``C:\\Users\\Ann\\Docs\\a.pdf``) and also
takes ``Docs2`` for a part of ``Docs``. Paths are compared here as parsed paths instead:
``flavour`` is ``PurePath`` (this computer's kind) in the app and ``PureWindowsPath`` or
``PurePosixPath`` in tests, so Windows rules (either slash, any letter case) are checked on
any machine. No imports beyond the standard library.
"""
from __future__ import annotations

import os
from pathlib import PurePath, PureWindowsPath
from typing import Callable

Flavour = type[PurePath]


def _windows(flavour: Flavour) -> bool:
    return issubclass(flavour, PureWindowsPath) or (flavour is PurePath and os.name == "nt")


def canonical(path: str, flavour: Flavour = PurePath) -> str:
    """``path`` as the library stores paths: absolute (for this computer's paths) and
    with the platform's separators."""
    if flavour is PurePath:
        return os.path.abspath(path)
    return str(flavour(path))


def same_path(a: str, b: str, flavour: Flavour = PurePath) -> bool:
    return flavour(a) == flavour(b)  # Windows paths compare without regard to case


def is_under(path: str, folder: str, flavour: Flavour = PurePath) -> bool:
    """True when ``path`` is ``folder`` or lies anywhere below it (sub-folders too)."""
    return under(folder, flavour)(path)


def under(folder: str, flavour: Flavour = PurePath) -> Callable[[str], bool]:
    """A test for "is this path ``folder`` or below it", for many paths.

    Parsing 10,000 paths costs a re-scan a quarter of a second, so a path spelt the way the
    parsed folder is (same separators; letter case ignored on Windows) is decided by where
    the folder's last part ends: at the end of the path or at a separator. Any other
    spelling is parsed and compared part by part.
    """
    root = flavour(folder)
    windows = _windows(flavour)
    whole = str(root).lower() if windows else str(root)
    seps = ("\\", "/") if windows else ("/",)
    ends_in_sep = whole.endswith(seps)  # a drive or the root: "C:\\", "/"

    def test(path: str) -> bool:
        s = path.lower() if windows else path
        if s.startswith(whole) and (len(s) == len(whole) or ends_in_sep or s[len(whole)] in seps):
            return True
        return flavour(path).is_relative_to(root)

    return test


def under_sql(column: str, folder: str, flavour: Flavour = PurePath) -> str:
    """A filter (for LanceDB's SQL) for rows whose ``column`` is ``folder`` or lies below it.

    SQL has no path parts, so the folder is parsed first and the test is a prefix ending in
    the platform's separator: ``C:\\Docs\\`` matches ``C:\\Docs\\2024\\a.pdf``, not ``C:\\Docs2``.
    """
    p = flavour(folder)
    windows = _windows(flavour)
    sep = "\\" if windows else "/"
    whole = str(p)
    prefix = whole if whole.endswith(sep) else whole + sep  # a drive or root ends in one already
    if windows:  # Windows paths are the same whatever the letter case
        col, q = f"lower({column})", lambda s: _quote(s.lower())
    else:
        col, q = column, _quote
    return f"({col} = {q(whole)} OR starts_with({col}, {q(prefix)}))"


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"
