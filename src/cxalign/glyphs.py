"""Glyphs every output shares (terminal, interface, report, CSV), with no dependency at all.

The analysis and the question kinds use them as well as the presentation layer, so they
live here rather than in :mod:`cxalign.present` (which the analysis must never import).
"""

from __future__ import annotations

#: What a missing value prints as, everywhere: an em dash (the en dash is for ranges, 1–5).
EMPTY = "—"
