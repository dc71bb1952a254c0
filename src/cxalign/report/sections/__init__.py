"""The report's sections, each a mixin of :class:`cxalign.report.context.Report`."""
