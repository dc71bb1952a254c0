"""Workshops for the report tests, built with the models and the store (no demo, no randomness left to chance)."""

from __future__ import annotations

import random
from pathlib import Path

from cxalign.models.questionnaire import (
    AllocationQuestion,
    LikertQuestion,
    MultiQuestion,
    RankingQuestion,
    SingleQuestion,
    TextQuestion,
)
from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder

ROLES = ("ceo", "sales", "marketing", "customer_relations", "hr", "operations", "digital", "finance")


def random_answer(question, rng: random.Random, text: str | None = None) -> Answer:
    """A valid answer to ``question`` drawn from ``rng``."""
    if isinstance(question, TextQuestion):
        return Answer(text=text or rng.choice([
            "Customer experience is how customers perceive every interaction with us, along the whole journey.",
            "C'est la perception du client sur tout son parcours, avant, pendant et après l'achat, et ses émotions.",
            "Mostly marketing and the brand image: advertising that makes people want to buy.",
            "La qualité du service client et le traitement des réclamations.",
        ]))
    if isinstance(question, SingleQuestion):
        return Answer(choice=rng.choice(question.option_ids))
    if isinstance(question, MultiQuestion):
        limit = question.max_choices or len(question.options)
        return Answer(choices=rng.sample(question.option_ids, rng.randint(1, min(limit, len(question.options)))))
    if isinstance(question, RankingQuestion):
        return Answer(ranking=rng.sample(question.option_ids, len(question.option_ids)))
    if isinstance(question, AllocationQuestion):
        cuts = sorted(rng.randint(0, question.total) for _ in range(len(question.options) - 1))
        bounds = [0, *cuts, question.total]
        return Answer(allocation={o: bounds[i + 1] - bounds[i] for i, o in enumerate(question.option_ids)})
    assert isinstance(question, LikertQuestion)
    if question.current_target:
        current = rng.randint(1, question.size)
        return Answer(current=current, target=rng.randint(current, question.size))
    return Answer(value=rng.randint(1, question.size))


def build_workshop(
    root: Path,
    people: list[tuple[str, str]],
    *,
    name: str = "Atelier test",
    organisation: str = "Testco",
    seed: int = 7,
    language: str = "fr",
    dont_know_all: set[int] = frozenset(),
    texts: dict[int, str] | None = None,
    notes: dict[int, str] | None = None,
) -> WorkshopFolder:
    """A workshop where every participant answered every question (submitted).

    ``dont_know_all``: indexes of people who answered "don't know" to everything;
    ``texts``: their definition text by index; ``notes``: a note on every answer by index.
    """
    folder = WorkshopFolder.create(root, name=name, organisation=organisation, participants=people, language=language)
    questionnaire = folder.questionnaire
    rng = random.Random(seed)
    for i, participant in enumerate(folder.load().participants):
        response = folder.new_response(participant.id)
        for question in questionnaire.questions:
            if i in dont_know_all:
                answer = Answer(dont_know=True)
            else:
                answer = random_answer(question, rng, (texts or {}).get(i) if isinstance(question, TextQuestion) else None)
            if notes and i in notes:
                answer.note = notes[i]
            response.answers[question.id] = answer
        response.status = "submitted"
        folder.save_response(response)
    return folder
