"""Kept for imports written before :mod:`cxalign.tui.base` (the one interface base)."""

from cxalign.tui.base import CxModal as LangModal
from cxalign.tui.base import CxScreen as LangScreen
from cxalign.tui.base import binding_label, localize_bindings, relabel_bindings

__all__ = ["LangModal", "LangScreen", "binding_label", "localize_bindings", "relabel_bindings"]
