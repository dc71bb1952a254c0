"""Thresholds and patterns shared by the report's sections."""

from __future__ import annotations

import re

#: A reference whose source is one of the domain seed files (``000_…txt``): not worth printing.
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")

#: The heat map prints person × person up to this many people; above, it groups by role.
HEATMAP_PERSON_MAX = 20
