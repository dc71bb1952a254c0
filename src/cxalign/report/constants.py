"""Thresholds and patterns shared by the report's sections."""

from __future__ import annotations

import re

#: A reference whose source is one of the domain seed files (``000_…txt``): not worth printing.
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")

#: The heat map prints person × person up to this many people; above, it groups by role.
HEATMAP_PERSON_MAX = 20

#: A named report lists every person's answers (answers appendix, participants table) up to this
#: many respondents; above it (named or anonymous), closed questions show the spread of answers,
#: open questions the number of texts (their concepts are counted in the definitions part; the texts
#: are in ``cxalign export``), and the participants table counts people by role and progress.
#: It keeps a report of hundreds of respondents readable, and its layout under 20 s and 1 GB.
PERSON_LIST_MAX = 60
