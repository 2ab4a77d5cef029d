"""When a student's attendance calls for attention: one threshold for the board and the period review."""

from __future__ import annotations

LOW_RATE = 75.0
"""Percent of expected sessions attended under which attendance is low (the board's « présence faible »)."""
FALL_POINTS = 20.0
"""A rate falling by this many points or more from the previous period, to under LOW_RATE, is a fall (the
period review's « présence en baisse »): one absence among four sessions alone is not a fall."""
