"""Messages the question widgets send to the filling screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class AnswerChanged(Message):
    """The person changed the value of the question on screen; ``urgent`` saves at once."""

    urgent: bool = True


@dataclass
class InputRefused(Message):
    """The person typed something the question cannot take (shown as a notification)."""

    reason: str
