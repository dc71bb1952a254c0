"""Reading response files (the source of truth, one readable TOML file per participant)."""

from __future__ import annotations

from pathlib import Path

from cxalign.models.response import Response
from cxalign.store.files import load_model


def load_response_file(path: Path) -> Response:
    """The response in ``path``, strictly validated; errors name the file and the field."""
    return load_model(Response, path)
