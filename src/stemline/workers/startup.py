"""Loading the engine's native libraries before the event loop runs.

Importing torch initialises its C extension in one uninterruptible block (~180 ms here) with the
GIL held, so no thread can load it without freezing the UI thread that long. Doing it on the UI
thread while a splash screen is up, before the event loop starts, means the loop itself never
stalls, and the user sees the splash at once instead of a window that hiccups.
"""
from __future__ import annotations

import gc
import importlib


def preload_engine() -> None:
    """Import torch's native core (idempotent, ~1 s the first time).

    Only that: the other modules the workers need are ordinary imports that hand the GIL back
    every few milliseconds, so they load in the background (the startup worker) without a stall.
    """
    # A full collection in the middle of torch's million new objects would add 100+ ms; collect
    # nothing until it is done, then keep the survivors out of later collections.
    gc.disable()
    try:
        importlib.import_module("stemline.engine.device").load_runtime()
    finally:
        gc.freeze()
        gc.enable()
