"""The results screen's tabs: one widget per tab, each drawn from one :class:`ResultsView`."""

from cxalign.tui.widgets.results.alignment import AlignmentTab
from cxalign.tui.widgets.results.consensus import ConsensusTab
from cxalign.tui.widgets.results.definitions import DefinitionsTab
from cxalign.tui.widgets.results.hotspots import HotspotsTab
from cxalign.tui.widgets.results.maturity import MaturityTab
from cxalign.tui.widgets.results.people import PeopleTab
from cxalign.tui.widgets.results.view import ConsensusAsk, ResultsTab, ResultsView

#: The tabs in order (their number is their key: 1 … 6; "who stands where" came last, so the
#: first five keep the keys people learnt).
TABS: tuple[type[ResultsTab], ...] = (MaturityTab, AlignmentTab, HotspotsTab, DefinitionsTab, ConsensusTab, PeopleTab)

__all__ = ["TABS", "AlignmentTab", "ConsensusAsk", "ConsensusTab", "DefinitionsTab", "HotspotsTab", "MaturityTab", "PeopleTab",
           "ResultsTab", "ResultsView"]
