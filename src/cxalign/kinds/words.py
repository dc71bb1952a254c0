"""An answer in words: one function, three layouts.

:func:`answer_words` asks the question's kind; a :class:`Style` says how the
caller lays it out — ``INLINE`` for a sentence or a table cell of the analysis
(positions on a hot spot), ``BLOCK`` for the report's answers appendix (one
ranked item or allocation per line), ``SHORT`` for the interface's review list.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxalign.glyphs import EMPTY
from cxalign.i18n import tr
from cxalign.kinds import kind_of
from cxalign.models.response import Answer


@dataclass(frozen=True)
class Style:
    #: The catalogue of every key below (``dont_know``, ``current``, ``target`` and these).
    area: str
    none_key: str
    multi_sep_fr: str
    multi_sep_en: str
    multi_in_option_order: bool
    rank_sep: str
    rank_item: str
    allocation_sep: str
    allocation_item: str
    allocation_by_points: bool
    allocation_option_order: bool
    #: Key with ``{current}`` and ``{target}`` for a maturity item, or None for one line per part.
    current_target_key: str | None
    #: A missing figure in that key.
    missing: str
    strip_text: bool
    #: What an answer with no value reads as (None: no line at all).
    empty: str | None
    #: The catalogue of "don't know" for the whole answer.
    dont_know_area: str = "common"


INLINE = Style(
    area="analysis", none_key="nothing", multi_sep_fr=", ", multi_sep_en=", ", multi_in_option_order=True,
    rank_sep=" · ", rank_item="{i}. {label}", allocation_sep=" · ", allocation_item="{label} {points}",
    allocation_by_points=True, allocation_option_order=True, current_target_key="pos.current_target",
    missing=EMPTY, strip_text=True, empty=None, dont_know_area="analysis",
)
BLOCK = Style(
    area="report", none_key="agg.none", multi_sep_fr=" ; ", multi_sep_en="; ", multi_in_option_order=False,
    rank_sep="\n", rank_item="{i}. {label}", allocation_sep="\n", allocation_item="{points} — {label}",
    allocation_by_points=True, allocation_option_order=False, current_target_key=None,
    missing=EMPTY, strip_text=False, empty="",
)
SHORT = Style(
    area="tui", none_key="review.none_chosen", multi_sep_fr=", ", multi_sep_en=", ", multi_in_option_order=False,
    rank_sep=" › ", rank_item="{label}", allocation_sep=" · ", allocation_item="{label} {points}",
    allocation_by_points=False, allocation_option_order=False, current_target_key="review.current_target",
    missing=EMPTY, strip_text=False, empty=EMPTY,
)


def answer_words(question, answer: Answer | None, lang: str, *, part: str | None = None, style: Style = INLINE) -> str | None:
    """``answer`` to ``question`` in words ("don't know" included); ``style.empty`` when it has no value."""
    if answer is None or not answer.is_answered:
        return style.empty
    if answer.dont_know or part in (answer.dont_know_parts or ()):
        return tr("dont_know", lang, style.dont_know_area)

    def say(key: str, **fields: object) -> str:
        if key in ("dont_know", "current", "target", "pair"):  # shared words
            return tr(key, lang, **fields)
        return tr(key, lang, style.area, **fields)
    text = kind_of(question).words(question, answer, part, lang, style, say)
    return style.empty if text is None else text
