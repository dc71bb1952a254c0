"""Patterns shared by the report's sections (the people limits are in :mod:`cxalign.analysis.thresholds`)."""

from __future__ import annotations

import re

#: A reference whose source is one of the domain seed files (``000_…txt``): not worth printing.
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")
