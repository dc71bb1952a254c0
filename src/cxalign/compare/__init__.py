"""Comparisons (DESIGN §10): groups inside one workshop, and one workshop against a later one.

``groups`` and ``over_time`` compute numbers only (no Textual, Rich or i18n);
``present`` turns them into console tables and JSON; ``report`` writes the
compare PDF and the data of the main report's groups section.
"""
