"""Helpers for tests in every package."""
from __future__ import annotations


def drive(gen):
    """Run a generator (an ask, an index run, a download) to its end: (events, return value)."""
    events = []
    while True:
        try:
            events.append(next(gen))
        except StopIteration as stop:
            return events, stop.value
