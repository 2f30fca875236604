"""``mock``: a timed mock interview in the terminal, with a visible countdown.

You edit the attempt file in your own editor; at the prompt, Enter (or ``submit``) grades it,
``hint`` costs points, ``done`` ends the coding part, ``quit`` (exit 0) or Ctrl-C (exit 130)
or closing the terminal leaves it. The clock keeps running, as in a real interview:
``mock --resume`` continues while time is left. When the clock runs out the file is graded
automatically. Then come the interviewer's follow-up questions and the scorecard.
"""

from __future__ import annotations

import argparse
import os
import select
import signal
import sys
import termios
import time
import tty

from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

from katakit import catalog
from katakit.learner import mock
from katakit.output import report
from katakit.commands.common import (EXIT_INTERRUPTED, EXIT_OK, KATA_HELP, UsageError,
                                     answer_and_explanation, console, duration,
                                     grade_and_record, plain_output, show_question)
from katakit.learner.history import open_history

HELP = "a timed mock interview: code under a countdown, follow-up questions, a scorecard"
FOLLOW_UP_SECONDS = 90
PROMPT = "Enter/submit: grade · hint · statement · done · quit"


def register(commands) -> None:
    parser = commands.add_parser("mock", help=HELP, description=HELP)
    parser.add_argument("kata", nargs="*", help=KATA_HELP + " (default: one not passed yet "
                        "or due for review)")
    parser.add_argument("--minutes", type=positive("--minutes"), help="time box (default: "
                        "the kata's minutes)")
    parser.add_argument("--difficulty", choices=catalog.DIFFICULTIES, help="pick a kata of "
                        "this difficulty")
    parser.add_argument("--resume", action="store_true", help="continue the last unfinished "
                        "mock interview")
    parser.add_argument("--new", action="store_true", help="start a new interview even if "
                        "an unfinished one still has time (that one is abandoned)")
    parser.add_argument("--follow-up-seconds", type=positive("--follow-up-seconds"),
                        default=FOLLOW_UP_SECONDS,
                        help=f"time limit per follow-up question (default {FOLLOW_UP_SECONDS})")
    parser.set_defaults(handler=run)


def positive(option: str):
    """An argparse type: a number greater than zero (0 is refused, not read as 'default')."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be a number, not {text!r}") \
                from None
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{option} must be more than 0, not {text}")
        return value
    return parse


class Leave(Exception):
    """The learner typed ``quit``: leave the interview normally (exit 0)."""


class Prompt:
    """Reads one command while redrawing a countdown line every second.

    On a terminal it uses cbreak mode and echoes the typed text after the countdown; on a pipe
    it reads whole lines. Either way ``read`` returns None when ``until`` passes first.
    """

    def __init__(self, out):
        self.out, self.fd = out, sys.stdin.fileno()
        self.is_tty = os.isatty(self.fd)
        self.pending = b""

    def read(self, status, until: float, clock) -> str | None:
        typed = ""
        while True:
            if self.is_tty:
                sys.stdout.write("\r\x1b[K" + status() + " > " + typed)
                sys.stdout.flush()
            if b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                return line.decode(errors="replace").strip()
            left = until - clock()
            if left <= 0:
                if self.is_tty:
                    sys.stdout.write("\n")
                return None
            if not select.select([self.fd], [], [], min(left, 1.0))[0]:
                continue
            chunk = os.read(self.fd, 1024)
            if not chunk:
                raise EOFError
            if not self.is_tty:
                self.pending += chunk
                continue
            for char in chunk.decode(errors="replace"):
                if char in "\r\n":
                    sys.stdout.write("\n")
                    return typed.strip()
                typed = typed[:-1] if char in "\x7f\b" else typed + char

    def __enter__(self):
        if self.is_tty:
            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd, termios.TCSANOW)  # keep what was typed ahead
        return self

    def __exit__(self, *exc):
        if self.is_tty:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            sys.stdout.write("\n")


def countdown(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def run(args, clock=time.time) -> int:
    out = console()
    signal.signal(signal.SIGHUP, _raise_interrupt)  # a closed terminal leaves the session
    with open_history(clock) as history:
        session = _open_session(args, history, clock, out)
        try:
            with Prompt(out) as prompt:
                if not session.code_phase_over():
                    code_phase(session, prompt, out, clock)
                follow_up_phase(session, prompt, out, clock, args.follow_up_seconds)
        except Leave:
            leave(session, out)
            return EXIT_OK
        except (KeyboardInterrupt, EOFError):
            leave(session, out)
            return EXIT_INTERRUPTED
        render_scorecard(out, session.finish())
    return EXIT_OK


def leave(session, out) -> None:
    """Record that the learner left; say the clock keeps running and how to come back."""
    session.interrupt()
    out.print("\nYou left the interview.")
    if session.code_phase_over():
        out.print("The follow-up questions are waiting: python grader.py mock --resume",
                  soft_wrap=True)
        return
    out.print(f"The clock keeps running, like in a real interview: "
              f"{countdown(session.remaining())} left.", soft_wrap=True)
    for path in session.files().values():
        out.print(f"Your attempt: {path}", soft_wrap=True)
    out.print("Continue while time is left with: python grader.py mock --resume",
              soft_wrap=True)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _open_session(args, history, clock, out) -> mock.Session:
    if args.resume:
        return _resume(history, clock, out)
    named = [catalog.load(name).slug for name in args.kata]  # unknown names fail first
    try:
        katas = named or mock.choose_katas(history, args.difficulty, clock())
    except ValueError as error:
        raise UsageError(str(error)) from None
    minutes = args.minutes if args.minutes is not None else \
        sum(catalog.load(slug).minutes for slug in katas)
    _set_aside_unfinished(history, clock, args.new)
    session = mock.Session.start(history, katas, minutes, clock)
    for slug in katas:
        show_statement(out, slug)
    files = ", ".join(str(path) for path in session.files().values())
    out.print(f"\n[bold]Mock interview: {minutes:g} min.[/bold] Write your solution in "
              f"{files} with your editor. {PROMPT}.")
    return session


def _set_aside_unfinished(history, clock, new: bool) -> None:
    """Refuse to bury an unfinished interview that still has time, unless --new says so."""
    unfinished = mock.Session.unfinished(history, clock)
    if unfinished is None or not unfinished.resumable():
        return
    if not new:
        left = "its follow-up questions are waiting" if unfinished.code_phase_over() else \
            f"it has {countdown(unfinished.remaining())} left"
        raise UsageError(f"mock interview {unfinished.mock_id} ({', '.join(unfinished.katas)})"
                         f" is unfinished and {left}: resume it with python grader.py mock "
                         "--resume (or add --new to abandon it and start another)")
    unfinished.abandon()


def _resume(history, clock, out) -> mock.Session:
    session = mock.Session.resume(history, clock)
    if session is None:
        raise UsageError("there is no unfinished mock interview to resume; start one with "
                         "python grader.py mock")
    out.print(f"Resuming mock interview {session.mock_id}: "
              f"{countdown(session.remaining())} left.")
    for path in session.files().values():
        out.print(f"Your attempt: {path}", soft_wrap=True)
    return session


def show_statement(out, slug: str) -> None:
    text = catalog.load(slug).statement_path.read_text(encoding="utf-8")
    if plain_output():
        print(text)
    else:
        out.print(Markdown(text))


def code_phase(session, prompt, out, clock) -> None:
    while True:
        command = prompt.read(lambda: f"[{countdown(session.remaining())} left] {PROMPT}",
                              session.deadline, clock)
        if command is None or session.remaining() <= 0:
            out.print("\n[bold]Time is up[/bold] — grading your file as it is now.")
            grade_all(session, out)
            session.end_code_phase("time")
            return
        command = command.lower()
        if command in ("", "s", "submit"):
            grade_all(session, out)
        elif command in ("h", "hint"):
            give_hint(session, out)
        elif command == "statement":
            for slug in session.katas:
                show_statement(out, slug)
        elif command in ("d", "done"):
            grade_all(session, out)
            session.end_code_phase("done")
            return
        elif command in ("q", "quit"):
            raise Leave
        else:
            out.print(f"unknown command {command!r}: {PROMPT}")


def grade_all(session, out) -> None:
    for slug, path in session.files().items():
        result = grade_and_record(catalog.load(slug), path, str(path), origin="mock")
        session.record_grade(result)
        report.render(result, out, compact=True)
    out.print(f"[dim]{duration(session.elapsed())} used, {countdown(session.remaining())} "
              "left[/dim]")


def give_hint(session, out) -> None:
    for slug in session.katas:
        hint = session.take_hint(slug)
        if hint is not None:
            index, text = hint
            out.print(f"[bold]Hint {index + 1}[/bold] (costs {mock.HINT_COST:g} points): "
                      f"{escape(text)}")
            return
    out.print("No hints left.")


def follow_up_phase(session, prompt, out, clock, limit: float) -> None:
    questions = session.follow_ups()
    if questions:
        out.print(f"\n[bold]Follow-up questions[/bold] — {limit:g} s each.")
    for number, (slug, question) in enumerate(questions, 1):
        show_question(out, question, number, len(questions))
        asked = clock()
        answer = prompt.read(lambda: f"[{countdown(max(asked + limit - clock(), 0))} left] "
                             "your answer", asked + limit, clock)
        correct = session.answer(slug, question, answer or None, clock() - asked, limit)
        verdict = "[green]Right[/green]" if correct else (
            "[red]Time's up[/red]" if answer is None else "[red]Not quite[/red]")
        out.print(f"{verdict} — {answer_and_explanation(question)}")


def render_scorecard(out, card: dict) -> None:
    table = Table(title="Scorecard", title_justify="left")
    table.add_column("rubric")
    table.add_column("score", justify="right")
    table.add_column("")
    for item, score in card["items"].items():
        table.add_row(item, f"{score:.1f} / 4", "#" * round(score * 4))
    hints = card["hints"]
    table.add_row("hints used", str(hints),
                  f"-{mock.HINT_COST * hints:g} overall" if hints else "")
    out.print(table)
    out.print(f"Time used: {duration(card['time_used_s'])} of {card['minutes']:g} min.  "
              f"Overall {card['overall']:.2f} / 4: [bold]{card['grade']}[/bold]")
    if card.get("capped"):
        out.print(f"(at most {mock.WRONG_ALGORITHM_CAP:g}: correctness and convergence must "
                  "be 4 / 4 for a hire grade)")
    out.print("Practise next:")
    for advice in card["practise_next"]:
        out.print(f"  - {escape(advice)}")
