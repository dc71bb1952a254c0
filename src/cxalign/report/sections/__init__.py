"""The report's sections: one module per part, plain functions of a :class:`~cxalign.report.context.ReportContext`.

Which sections a report has, in which order and under which table-of-contents
entries, is decided once in :mod:`cxalign.report.outline`.
"""
