"""Errors that reach the user as a clear message and exit code 2.

Also the one place where pydantic's validation errors become messages
(:func:`from_validation`) and where text is made safe for a terminal
(:func:`printable`). Kept free of heavy imports: the command line imports it
at start-up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: C0 and C1 control characters and DEL, except newline (messages span lines).
_UNPRINTABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), never sent raw to a terminal."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


class InputError(Exception):
    """Bad input: names the file and the field at fault.

    The command line prints ``str(error)`` and exits with code 2; the interface
    shows it as a notification.
    """

    def __init__(self, message: str, *, file: str | Path | None = None, field: str | None = None):
        self.file = str(file) if file is not None else None
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.field:
            where.append(self.field)
        prefix = ": ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class InputErrors(InputError):
    """Several problems found in one file (validation reports them all)."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, file=first.file, field=first.field)

    def __str__(self) -> str:
        return "\n".join(InputError.__str__(e) for e in self.errors)


class LockedError(InputError):
    """A participant's questionnaire is already open somewhere else."""


# -- pydantic errors, formatted in one place ----------------------------------------------

def field_path(loc: tuple[Any, ...]) -> str:
    """``("participants", 0, "name")`` → ``participants[0].name``."""
    # Imported here, not at start-up: a validation error means pydantic is loaded already.
    from cxalign.kinds import names

    union_tags = set(names())  # the tags pydantic inserts into the location of a question's kind
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in union_tags and parts and parts[-1].endswith("]"):
            continue  # discriminator tag pydantic inserts into union locations
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _shorten(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_message(err: dict[str, Any], *, show_input: bool = False) -> str:
    """The message of one pydantic error (an entry of ``ValidationError.errors()``)."""
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    message = err["msg"].removeprefix("Value error, ")
    if show_input and "input" in err:
        message += f" (got {_shorten(err['input'])})"
    return message


def from_validation(exc: Any, *, file: str | Path | None = None, show_input: bool = False) -> InputErrors:
    """A pydantic ``ValidationError`` as :class:`InputErrors` naming the file and each field."""
    return InputErrors([
        InputError(error_message(err, show_input=show_input), file=file, field=field_path(err["loc"]))
        for err in exc.errors(include_url=False)
    ])
