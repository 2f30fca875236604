"""``quiz``: ask the kata's questions one by one, explain each answer, record the score."""

from __future__ import annotations

from rich.markup import escape

from katakit import catalog
from katakit.catalog import quiz as answer_key
from katakit.commands.common import (EXIT_OK, KATA_HELP, answer_and_explanation, console,
                                     show_question)
from katakit.learner.history import open_history

HELP = "answer a kata's quiz interactively (recorded in your history)"
STOP = "q"


def register(commands) -> None:
    parser = commands.add_parser("quiz", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.set_defaults(handler=run)


def prompt_for(question) -> str:
    if question.is_numeric:
        return f"Your answer (a number, or {STOP} to stop): "
    letters = answer_key.letters(question)
    return f"Your answer ({letters[0]}-{letters[-1]}, or {STOP} to stop): "


def read_valid_answer(question, read) -> str | None:
    """Ask until the answer has the right form; None when the learner stops (q or EOF)."""
    while True:
        try:
            answer = read(prompt_for(question)).strip()
        except EOFError:
            return None
        if answer.lower() == STOP:
            return None
        if answer_key.parse(question, answer) is not None:
            return answer
        print(retry_message(question, answer))


def retry_message(question, answer: str) -> str:
    """What to type instead of a malformed answer."""
    if question.is_numeric:
        wanted = f"type a number, or {STOP} to stop"
    else:
        letters = answer_key.letters(question)
        wanted = f"type a letter ({letters[0]}-{letters[-1]}), or {STOP} to stop"
    return f"{answer!r} is not an answer: {wanted}" if answer else wanted


def explain(out, question, answer: str) -> bool:
    correct = answer_key.problem_with(question, answer) is None
    verdict = "[green]Right[/green]" if correct else "[red]Not quite[/red]"
    out.print(f"{verdict} — {answer_and_explanation(question)}")
    return correct


def run(args, read=input) -> int:
    kata = catalog.load(args.kata)
    out = console()
    score = answered = 0
    with open_history() as history:
        for number, question in enumerate(kata.quiz, 1):
            show_question(out, question, number, len(kata.quiz))
            answer = read_valid_answer(question, read)
            if answer is None:
                break
            correct = explain(out, question, answer)
            history.record_quiz_answer(kata.slug, question.id, answer, correct)
            score, answered = score + correct, answered + 1
    if not answered:
        out.print(f"\nNo answer given, so nothing was recorded. Take the quiz when ready: "
                  f"python grader.py quiz {kata.slug}", soft_wrap=True)
        return EXIT_OK
    out.print(f"\nScore: {score} of {answered} right ({answered} of {len(kata.quiz)} questions "
              "answered) — recorded. Put your answers in QUIZ_ANSWERS too: `check` grades "
              "them.")
    return EXIT_OK
