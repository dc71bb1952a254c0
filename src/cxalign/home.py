"""Where workshops live by default; kept free of heavy imports so that the interface starts fast."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "CXALIGN_HOME"


def workshops_home(override: str | Path | None = None) -> Path:
    """The folder holding workshops: ``--dir``, else ``$CXALIGN_HOME``, else the user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("cxalign", appauthor=False) / "workshops"
