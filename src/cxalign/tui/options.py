"""How the interface was launched: one frozen object, built once by the command line.

Imported by the command line, so it never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AppOptions:
    """Launch options of :class:`cxalign.tui.app.CxalignApp` (see :func:`cxalign.tui.make_app`).

    ``home``: the workshops folder; ``lang``: ``"fr"``/``"en"`` (None: French);
    ``workshop``: a workshop folder to open; ``participant``: with ``workshop``, open that
    participant's questionnaire in a *confined* session (``cxalign fill``, one browser of
    ``cxalign serve``): no route to the workshops list, the results, the export or anyone else.
    ``workshop_only``: with ``workshop``, that workshop is all the interface shows (the
    facilitator's browser in ``cxalign serve``): no way back to the list of the other workshops.
    """

    home: Path
    lang: str | None = None
    workshop: Path | None = None
    participant: str | None = None
    workshop_only: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "home", Path(self.home))
        if self.workshop is not None:
            object.__setattr__(self, "workshop", Path(self.workshop))
        if self.lang not in (None, "fr", "en"):
            object.__setattr__(self, "lang", None)

    @property
    def confined(self) -> bool:
        """True for one participant's session: only their questionnaire is reachable."""
        return self.participant is not None
