"""Where the shipped data lives: the questionnaires and the report templates.

In a wheel they are packaged under ``cxalign/_data``; in a checkout (editable
install or tests) they are the top-level ``questionnaires/`` and
``report_templates/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent

REFERENCE_QUESTIONNAIRE = "cx-alignment.toml"


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def questionnaires_dir() -> Path:
    return _data_dir("questionnaires")


def templates_dir() -> Path:
    return _data_dir("report_templates")


def reference_questionnaire_path() -> Path:
    return questionnaires_dir() / REFERENCE_QUESTIONNAIRE
