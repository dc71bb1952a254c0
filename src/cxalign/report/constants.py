"""Thresholds and patterns shared by the report's sections."""

from __future__ import annotations

import re

#: A reference whose source is one of the domain seed files (``000_…txt``): not worth printing.
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")

#: The heat map prints person × person up to this many people; above, it groups by role.
HEATMAP_PERSON_MAX = 20

#: A named report lists every person's answers (answers appendix, participants table) up to this
#: many respondents; above it, closed questions show the spread of answers, the participants table
#: counts people by role and progress, and free texts are listed without notes. It keeps a report
#: of hundreds of respondents to a readable size and its layout under 20 s and 1 GB (500 people).
PERSON_LIST_MAX = 60
