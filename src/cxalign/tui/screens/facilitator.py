"""Kept for imports written before :mod:`cxalign.tui.base` (the one interface base)."""

from cxalign.tui.base import CxModal as FacilitatorModal
from cxalign.tui.base import FolderScreen as FacilitatorScreen

__all__ = ["FacilitatorModal", "FacilitatorScreen"]
