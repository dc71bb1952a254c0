"""The one object every report section reads: :class:`ReportContext`.

A section is a plain function ``section(ctx) -> data for its template``; it
gets everything from ``ctx`` — the analysis, the language, anonymity, how to
name a person, how to print a number — and nothing from anywhere else. Which
sections a report has, and in which order, is :mod:`cxalign.report.outline`.

Anonymity: with ``anonymous`` no name is used anywhere (roles only), and no
figure is broken out for a group smaller than ``workshop.min_group_size``
(default 5): individual positions, the person × person heat map, the
allocation chart by person and the named outliers are replaced by aggregates
over all respondents, or over the roles that have at least that many
respondents; the "Who stands where" section and the camps are left out (the
method appendix says so), and the hot spots count those who stand apart instead
of naming them.

The comparison reports reuse it: build one ``ReportContext`` per analysis
(``ReportContext.create(analysis, lang=…, anonymous=…)``) and call the
section functions, or the helpers below, on each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cxalign.analysis.result import WorkshopAnalysis
from cxalign.i18n import pair, part_label, role_label, tr, with_part
from cxalign.present import wording
from cxalign.present.numbers import EMPTY
from cxalign.report.formatting import number

if TYPE_CHECKING:  # pragma: no cover
    from cxalign.models.questionnaire import Questionnaire
    from cxalign.models.workshop import Workshop
    from cxalign.report.render import TemplateFolders


@dataclass
class ReportContext:
    """What a report (or one of its sections) is made from, in one explicit object.

    Built with :meth:`create`; every field is read-only by convention once built.
    """

    analysis: WorkshopAnalysis
    lang: str
    #: True for an anonymous report (always true for an anonymous workshop).
    anonymous: bool
    #: The template folders (for asset URLs such as the logo); None when no template is rendered.
    folders: "TemplateFolders | None" = None
    #: False to leave the SVG charts out (tests of the wording only).
    with_charts: bool = True
    #: Response files that could not be read (``cxalign.store.Unreadable``): named in the report.
    unreadable: Sequence[Any] = ()
    questionnaire: "Questionnaire" = field(init=False)
    workshop: "Workshop" = field(init=False)
    #: The smallest group an anonymous report breaks a figure out for (``workshop.min_group_size``).
    min_group_size: int = field(init=False)
    #: Participant id -> how the report calls them (a name, or a role label when anonymous).
    namer: Callable[[str], str] = field(init=False)
    #: Participant id -> role key.
    role_of: dict[str, str] = field(init=False)
    #: Role key -> number of respondents with that role.
    role_sizes: Counter = field(init=False)
    #: Roles with enough respondents to be shown on their own in an anonymous report.
    reportable_roles: list[str] = field(init=False)
    #: Free text as the report prints it: participants' names masked in an anonymous report.
    user_text: Callable[[str], str] = field(init=False)

    def __post_init__(self) -> None:
        self.questionnaire = self.analysis.questionnaire
        self.workshop = self.analysis.workshop
        self.anonymous = self.anonymous or self.workshop.anonymous
        self.min_group_size = self.workshop.min_group_size
        self.namer = wording.default_namer(self.analysis, self.anonymous, self.lang)
        self.role_of = {p.id: p.role for p in self.workshop.participants}
        self.role_sizes = Counter(self.role_of[pid] for pid in self.analysis.respondents)
        self.reportable_roles = [r for r in self.role_sizes if self.role_sizes[r] >= self.min_group_size]
        if self.anonymous:
            from cxalign.anonymise import name_masker

            self.user_text = name_masker(p.name for p in self.workshop.participants)
        else:
            self.user_text = lambda text: text

    def check_anonymity(self, file: object = None) -> None:
        """Refuse an anonymous report of fewer respondents than ``min_group_size`` (but at least one).

        Below the threshold every figure — even an answer count — is a group smaller than the
        threshold, and a verbatim text may be recognised: the report would break the promise
        its cover makes. Refusing (exit 2, with what to do) is clearer than a report of blanks.
        """
        from cxalign.errors import InputError

        n, k = len(self.analysis.respondents), self.min_group_size
        if self.anonymous and 0 < n < k:
            raise InputError(
                f"an anonymous report needs at least {k} respondents (min_group_size) and only {n} answered: "
                f"with fewer, an answer could be traced to a person. Wait for more answers, or lower "
                f"min_group_size in workshop.toml if the team accepts it",
                file=file, field="min_group_size")

    @classmethod
    def create(cls, analysis: WorkshopAnalysis, *, lang: str, anonymous: bool,
               folders: "TemplateFolders | None" = None, with_charts: bool = True,
               unreadable: Sequence[Any] = ()) -> "ReportContext":
        return cls(analysis=analysis, lang=lang, anonymous=anonymous, folders=folders,
                   with_charts=with_charts, unreadable=tuple(unreadable))

    # -- words and numbers in the report's language ------------------------------------

    def tr(self, key: str, **fields: object) -> str:
        """A sentence of ``locales/report.toml`` in the report's language."""
        return tr(key, self.lang, "report", **fields)

    def num(self, value: float | None, digits: int = 2) -> str:
        return number(value, digits, self.lang)

    def fmt(self, value: float, digits: int = 1) -> str:
        return number(value, digits, self.lang)

    def pair(self, label: str, text: str) -> str:
        """``label: text`` with the language's colon spacing."""
        return pair(label, text, self.lang)

    def joined(self, items) -> str:
        return (" ; " if self.lang == "fr" else "; ").join(items)

    def text(self, t) -> str:
        """A bilingual questionnaire text in the report's language."""
        return t.get(self.lang)

    def role(self, pid_or_role: str, *, is_role: bool = False) -> str:
        return role_label(pid_or_role if is_role else self.role_of.get(pid_or_role, ""), self.lang)

    def label(self, index: float | None) -> str:
        return wording.agreement_label(index, self.lang)

    def question_title(self, question) -> str:
        return self.text(question.idea) if question.idea is not None else self.text(question.prompt)

    def part_label(self, part: str | None) -> str:
        return part_label(part, self.lang) if part else ""

    def titled(self, question, part: str | None) -> str:
        """The question's short title, with "(today)" / "(target)" for a part of a maturity item."""
        return with_part(self.question_title(question), part, self.lang)

    def level_name(self, level: int | None) -> str:
        return self.text(self.questionnaire.level(level).name) if level else EMPTY
