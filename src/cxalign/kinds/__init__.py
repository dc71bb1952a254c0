"""Question kinds: one module per kind, one registry keyed by the kind's name.

Every rule that depends on a question's kind lives in that kind's module
(see :class:`cxalign.kinds.base.Kind` for the list); the rest of the code asks
``kind_of(question)``. Adding a kind is one module with a :class:`Kind`
subclass passed to :func:`register` (and its question model in
:mod:`cxalign.models.questionnaire` for questionnaire files).
"""

from __future__ import annotations

from cxalign.kinds.base import VALUE_FIELDS, Kind

_REGISTRY: dict[str, Kind] = {}


def register(kind: type[Kind]) -> type[Kind]:
    """Register a kind (usable as a class decorator); the last one of a name wins."""
    _REGISTRY[kind.name] = kind()
    return kind


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def kind_of(question) -> Kind:
    """The rules of ``question``'s kind (a question object, or a kind name)."""
    name = question if isinstance(question, str) else question.kind
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown question kind {name!r}") from None


def names() -> list[str]:
    """The registered kinds' names, in the order they are shown to readers (:attr:`Kind.order`)."""
    return [k.name for k in sorted(_REGISTRY.values(), key=lambda k: k.order)]


def parts_of(question) -> tuple[str | None, ...]:
    return kind_of(question).parts(question)


# The six built-in kinds register themselves.
from cxalign.kinds import allocation, likert, multi, ranking, single, text  # noqa: E402,F401

__all__ = ["VALUE_FIELDS", "Kind", "kind_of", "names", "parts_of", "register", "unregister"]
