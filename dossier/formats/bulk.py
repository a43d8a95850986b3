"""Bulk work without the cyclic garbage collector's pauses.

A roll-forward or an export of 300 × 100 creates millions of short-lived objects and no
reference cycles worth collecting; every full collection walks the whole dossier again, which
made these operations grow faster than their input (40 % of a 300 × 100 roll-forward).
Reference counting still frees everything at once; the collector runs again afterwards.
Not for work that makes cycles as it goes (python-docx's element proxies): their memory would
only come back at the end.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
