"""The workshop room: ``cxalign serve`` (needs the ``web`` extra: ``pip install 'cxalign[web]'``).

Each participant answers in their own browser through a personal link; the
page is textual-serve's xterm.js client and the app is ``cxalign fill`` for
that participant only. This module stays light: textual-serve and aiohttp are
imported only when the server starts (:mod:`cxalign.serve.server`).
"""

from __future__ import annotations

from cxalign.serve.command import add_parser, run

__all__ = ["add_parser", "run"]
