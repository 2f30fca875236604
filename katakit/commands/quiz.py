"""``quiz``: ask the kata's questions one by one, explain each answer, record the score, and
offer to write the answers into the file's ``QUIZ_ANSWERS`` (shown as a diff first).

A second run starts at the first question not answered in the file (what ``check`` grades;
answers typed but not written are asked again, so the quiz and ``check`` never disagree);
when every question has an answer it asks again the ones answered wrong. Without a file, the
answers given earlier in this round count instead.
"""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from rich.markup import escape

from katakit import catalog, paths
from katakit.catalog import quiz as answer_key
from katakit.commands.common import (EXIT_OK, KATA_HELP, STOP, UsageError,
                                     answer_and_explanation, answer_prompt, command_line,
                                     console, in_workspace, retry_message, shown_path,
                                     show_question)
from katakit.learner import quiz_file
from katakit.learner.history import open_history

HELP = "answer a kata's quiz interactively; it can write your answers into your file"
ALL_HELP = "ask every question, from the first, whatever is answered already"
YES_HELP = "write the answers into the file without asking (the diff is still shown)"


def register(commands) -> None:
    parser = commands.add_parser("quiz", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("--file", type=Path, help="the file whose QUIZ_ANSWERS to read and fill in (default: "
                        f"{in_workspace('KATA.py')})")
    parser.add_argument("--all", action="store_true", help=ALL_HELP)
    parser.add_argument("--yes", action="store_true", help=YES_HELP)
    parser.set_defaults(handler=run)


def read_valid_answer(question, read) -> str | None:
    """Ask until the answer has the right form; None when the learner stops (q or EOF)."""
    while True:
        try:
            answer = read(f"Your answer ({answer_prompt(question)}): ").strip()
        except EOFError:
            return None
        if answer.lower() == STOP:
            return None
        problem = retry_message(question, answer)
        if problem is None:
            return answer
        print(problem)


def explain(out, question, answer: str) -> bool:
    correct = answer_key.problem_with(question, answer) is None
    verdict = "[green]Right[/green]" if correct else "[red]Not quite[/red]"
    out.print(f"{verdict} — {answer_and_explanation(question)}")
    return correct


def run(args, read=input) -> int:
    kata = catalog.load(args.kata)
    out = console()
    path = _target(kata, args.file)
    learner = _read_file(out, path)
    ids = [q.id for q in kata.quiz]
    in_file = learner.answers() if learner else {}
    for key, meant in answer_key.unknown_keys(in_file, ids).items():
        out.print(escape(f"{answer_key.ANSWERS_NAME}[{key!r}] in {shown_path(path)} is not a "
                         "question of this kata" + (f": did you mean {meant!r}? (writing your "
                                                    "answers renames it)" if meant else "")))
    with open_history() as history:
        earlier = _answered_this_round(history, kata.slug) if learner is None else {}
        questions, intro = _to_ask(kata, in_file, earlier, args.all, path)
        out.print(escape(intro))
        given = _ask(out, kata, questions, history, read)
    if not given:
        out.print(f"\nNo answer given, so nothing was recorded. Take the quiz when ready: "
                  f"{command_line('quiz', kata.slug)}", soft_wrap=True)
        return EXIT_OK
    right = sum(correct for _, correct in given.values())
    out.print(f"\nScore: {right} of {len(given)} right ({len(given)} of {len(kata.quiz)} "
              "questions answered) — recorded in your progress.")
    written = offer_to_write(out, kata, path, learner,
                             {q: a for q, (a, _) in given.items()}, args.yes, read)
    if not written and learner is not None:
        out.print(escape(f"Until they are in {answer_key.ANSWERS_NAME}, `check` lists these "
                         "questions as not answered and the quiz asks them again."),
                  soft_wrap=True)
    return EXIT_OK


def _target(kata, file: Path | None) -> Path | None:
    if file is not None:
        if not file.is_file():
            raise UsageError(f"file not found: {file}")
        return file
    path = paths.workspace_file(kata.slug)
    return path if path.is_file() else None


def _read_file(out, path: Path | None):
    if path is None:
        return None
    try:
        return quiz_file.LearnerFile.read(path)
    except (OSError, quiz_file.CannotEdit) as error:
        out.print(escape(f"cannot read {shown_path(path)}: {error}"))
        return None


def _answered_this_round(history, slug: str) -> dict[str, bool]:
    """Question id -> right, for the answers given with ``quiz`` since the round started."""
    rounds = history.rounds(slug)
    since = rounds[-1][1] if rounds else float("-inf")
    return {question: bool(correct) for at, question, correct, origin in
            history.quiz_answers(slug) if origin == "quiz" and at >= since}


def _to_ask(kata, in_file: dict, earlier: dict, everything: bool, path) -> tuple[list, str]:
    """The questions to ask, with one line saying why these."""
    total = len(kata.quiz)
    if everything:
        return list(kata.quiz), f"{kata.slug} quiz: {total} questions."
    state = {}  # question id -> right (None: computed in the file, so only check knows)
    for question in kata.quiz:
        value = in_file.get(question.id)
        if value is quiz_file.COMPUTED:
            state[question.id] = None
        elif not answer_key.is_unanswered(value) and \
                answer_key.parse(question, value) is not None:
            state[question.id] = answer_key.problem_with(question, value) is None
        elif question.id in earlier:
            state[question.id] = earlier[question.id]
    where = f" in {shown_path(path)}" if path else " earlier this round"
    computed = [q.id for q in kata.quiz if state.get(q.id, False) is None]
    if computed:
        where += (f"; {', '.join(computed)} computed there, which the quiz cannot read "
                  "without running your file: `check` grades "
                  f"{'them' if len(computed) > 1 else 'it'}")
    unanswered = [q for q in kata.quiz if q.id not in state]
    if not state:
        return list(kata.quiz), f"{kata.slug} quiz: {total} questions."
    if unanswered:
        first = kata.quiz.index(unanswered[0]) + 1
        return unanswered, (f"{kata.slug} quiz: {len(state)} of {total} questions answered "
                            f"already{where}; starting at question {first} (--all asks "
                            "every question).")
    wrong = [q for q in kata.quiz if state[q.id] is False]
    if wrong:
        return wrong, (f"{kata.slug} quiz: every question has an answer{where}; asking again "
                       f"the {len(wrong)} answered wrong (--all asks every question).")
    verdict = "answered right" if not computed else "answered"
    return [], (f"{kata.slug} quiz: all {total} questions are {verdict}{where}. Take it "
                f"again with: {command_line('quiz', kata.slug, '--all')}")


def _ask(out, kata, questions, history, read) -> dict[str, tuple[str, bool]]:
    """Ask ``questions``; question id -> (answer, right) for those answered."""
    given = {}
    for question in questions:
        show_question(out, question, kata.quiz.index(question) + 1, len(kata.quiz))
        answer = read_valid_answer(question, read)
        if answer is None:
            break
        correct = explain(out, question, answer)
        history.record_quiz_answer(kata.slug, question.id, answer, correct)
        given[question.id] = (answer, correct)
    return given


def offer_to_write(out, kata, path: Path | None, learner, typed: dict, yes: bool,
                   read) -> bool:
    """Show what writing the answers changes in the file, ask, and write atomically; True
    when the file holds the answers afterwards."""
    questions = {q.id: q for q in kata.quiz}
    literals = {qid: quiz_file.literal(questions[qid], answer) for qid, answer in typed.items()}
    if path is None or learner is None:
        out.print(f"Your file is not there to write them into: {command_line('start', kata.slug)}"
                  f" creates it. Or put them in {answer_key.ANSWERS_NAME} yourself.",
                  soft_wrap=True)
        return False
    shown = shown_path(path)
    try:
        edited = quiz_file.with_answers(learner.source, literals, list(questions))
        quiz_file.check_edit(edited, {qid: answer_key.parse(questions[qid], answer)
                                      for qid, answer in typed.items()})
    except quiz_file.CannotEdit as error:
        out.print(escape(f"Cannot write them into {shown}: {error}. Paste these lines at the "
                         "end of your file instead:"))
        out.print(quiz_file.paste_lines(literals), markup=False, highlight=False)
        return False
    if edited == learner.source:
        out.print(escape(f"{shown} already has these answers."))
        return True
    diff = "".join(difflib.unified_diff(learner.source.splitlines(keepends=True),
                                        edited.splitlines(keepends=True), shown,
                                        f"{shown} (with your answers)", n=1))
    from rich.syntax import Syntax
    out.print(f"\nOnly {answer_key.ANSWERS_NAME} changes in {escape(shown)}:")
    out.print(Syntax(diff, "diff", background_color="default"))
    if not yes and not _confirm(read, f"Write your answers into {shown}? [y/N] "):
        out.print("Nothing written.")
        return False
    try:
        kept = quiz_file.write(learner, edited, kata.slug, time.time())
    except quiz_file.CannotEdit as error:
        out.print(escape(f"Not written: {error}"))
        return False
    out.print(escape(f"Written. Your previous file is kept in {shown_path(kept)}. Grade it "
                     f"with: {command_line('check', kata.slug, *_file_args(kata, path))}"),
              soft_wrap=True)
    return True


def _file_args(kata, path: Path) -> list[str]:
    default = paths.workspace_file(kata.slug)
    same = default.exists() and path.resolve() == default.resolve()
    return [] if same else ["--file", shown_path(path)]


def _confirm(read, prompt: str) -> bool:
    try:
        return read(prompt).strip().lower() in ("y", "yes")
    except EOFError:
        return False
