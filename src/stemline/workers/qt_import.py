"""Import Qt without shiboken's per-import source scan.

PySide6 replaces ``builtins.__import__`` with a hook that, for every module first imported
afterwards, reads and searches that module's whole source for "PySide6" (to support
``from __feature__ import ...``, which Stemline doesn't use). Every later import pays for it,
and pays with the GIL held: importing torch in a worker stalled the event loop, and a warm-cache
Foley job stalled it past 50 ms. Putting the plain import back removes both.
"""
from __future__ import annotations

import builtins

_PLAIN_IMPORT = builtins.__import__


def qt_without_import_hook() -> None:
    """Import PySide6 (once) and undo its import hook if this module saw the plain one."""
    import PySide6.QtCore  # noqa: F401  (installs the hook on first import)

    hooked = getattr(builtins.__import__, "__name__", "") == "__feature_import__"
    plain = getattr(_PLAIN_IMPORT, "__name__", "") == "__import__"
    if hooked and plain:
        builtins.__import__ = _PLAIN_IMPORT
