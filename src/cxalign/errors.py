"""Errors that reach the user as a clear message and exit code 2."""

from __future__ import annotations

from pathlib import Path


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
