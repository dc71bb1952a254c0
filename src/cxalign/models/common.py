"""Pieces shared by every file format."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")

#: Current version of every file format written by cxalign.
FORMAT_VERSION = 1

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_chars(text: str) -> bool:
    """True when ``text`` holds control characters other than tab and newlines."""
    return bool(_CONTROL.search(text))


class Strict(BaseModel):
    """Base of every file model: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Frozen(BaseModel):
    """Base of read-only models (the questionnaire): unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Frozen):
    """A user-facing string in both languages; neither may be empty."""

    fr: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr
