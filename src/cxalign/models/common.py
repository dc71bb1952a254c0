"""Pieces shared by every file format."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationInfo

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")

#: Version of the workshop file format (2: participants may carry a ``group``).
WORKSHOP_FORMAT_VERSION = 2
#: Version of the response file format.
RESPONSE_FORMAT_VERSION = 1
#: Version of the questionnaire file format.
QUESTIONNAIRE_FORMAT_VERSION = 1
#: Kept for importers written before workshops and responses had their own versions: the response format.
FORMAT_VERSION = RESPONSE_FORMAT_VERSION

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]

#: Control characters (C0 except tab and line breaks, DEL, C1): escape sequences, bells, NULs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: In a one-line field, line breaks and tabs too.
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: Validation context under which a file is read: control characters are refused there
#: (a file holding them was not written by cxalign), and stripped from everything typed.
FILE_CONTEXT = {"file": True}


def has_control_chars(text: str) -> bool:
    """True when ``text`` holds control characters other than tab and newlines."""
    return bool(_CONTROL.search(text))


def strip_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` without control characters; a one-line field also loses tabs and line breaks."""
    if one_line:
        return _LINE_CONTROL.sub(lambda m: " " if m.group() in "\t\r\n" else "", text)
    return _CONTROL.sub("", text)


def _cleaner(one_line: bool):
    def clean(value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value  # the type check that follows names it
        pattern = _LINE_CONTROL if one_line else _CONTROL
        if pattern.search(value):
            if info.context and info.context.get("file"):
                raise ValueError("contains control characters")
            return strip_controls(value, one_line=one_line)
        return value

    return clean


#: Free text (answers, notes, comments): control characters other than tab and line breaks
#: are stripped at input and refused in a file.
Prose = Annotated[str, BeforeValidator(_cleaner(False))]
#: One line (names, roles, organisations): every control character stripped at input, refused in a file.
Line = Annotated[str, BeforeValidator(_cleaner(True))]
#: Non-empty text, surrounding blanks removed (questionnaire texts may span lines).
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_cleaner(False))]


def one_line(max_length: int) -> Any:
    """A non-empty one-line text of at most ``max_length`` characters (a name, a role)."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     BeforeValidator(_cleaner(True))]


def prose(max_length: int) -> Any:
    """Free text of at most ``max_length`` characters (an answer, a note, a comment)."""
    return Annotated[str, StringConstraints(max_length=max_length), BeforeValidator(_cleaner(False))]


#: A non-empty one-line name (workshop, organisation, participant, role).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_cleaner(True))]


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
