"""The analysis in words, tables and JSON: :mod:`cxalign.analysis` computes numbers, this package says them.

``wording`` (sentences, FR/EN), ``jsonout`` (the ``analyze --json`` contract), ``console``
(``cxalign analyze`` tables), ``numbers`` (the one number formatter).
"""
