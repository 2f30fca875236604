"""``mock``: a timed mock interview in the terminal, with a visible countdown.

The screen shows the task, the API and the rules (``statement`` shows the whole statement) and
names the attempt file, a fresh copy of the stub apart from your other work. You edit it in
your own editor; at the prompt, Enter (or ``submit``) runs the interviewer's checks and says
only which areas pass, as an interviewer would; ``hint`` costs points, ``done`` ends the coding
part, ``quit`` (exit 0) or Ctrl-C (exit 130) or closing the terminal leaves it. The clock keeps
running, as in a real interview: ``mock --resume`` continues while time is left. When the
clock runs out the file is graded as it is. Then come the interviewer's follow-up questions
(you score your answer against their rubric), the full report and the scorecard.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import select
import signal
import sys
import termios
import time
import tty

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from katakit import catalog
from katakit.catalog import Question
from katakit.learner import mock
from katakit.output import report
from katakit.commands.common import (EXIT_INTERRUPTED, EXIT_OK, KATA_HELP, STOP, UsageError,
                                     command_line, console, difficulty_value, duration,
                                     grade_and_record, plain_output, retry_message,
                                     shown_path, statement_text, track_value)
from katakit.learner.history import open_history

HELP = "a timed mock interview: code under a countdown, follow-up questions, a scorecard"
PROMPT = "Enter/submit: run the checks · hint · statement · done · quit"
BRIEF_LEAVES_OUT = ("the maths", "shapes", "example", "how you are graded", "commands")
"""Sections of a statement the interview screen leaves to ``statement``."""


def register(commands) -> None:
    parser = commands.add_parser("mock", help=HELP, description=HELP)
    parser.add_argument("kata", nargs="*", help=KATA_HELP + " (default: one not passed yet "
                        "or due for review)")
    parser.add_argument("--minutes", type=positive("--minutes"), help="time box (default: "
                        "the kata's minutes)")
    parser.add_argument("--difficulty", type=difficulty_value,
                        help="pick a kata of this difficulty (one that exists)")
    parser.add_argument("--track", type=track_value, help="pick a kata of this track: "
                        f"{', '.join(catalog.TRACKS)}")
    parser.add_argument("--resume", action="store_true", help="continue the last unfinished "
                        "mock interview")
    parser.add_argument("--new", action="store_true", help="start a new interview even if "
                        "an unfinished one still has time (that one is abandoned)")
    parser.add_argument("--follow-up-seconds", type=positive("--follow-up-seconds"),
                        help=f"time limit per follow-up question (default "
                        f"{mock.FOLLOW_UP_SECONDS:g}; kept when the interview is resumed)")
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
            line = self._line_ahead()
            if line is not None:  # typed ahead: the next whole line, not lost
                if self.is_tty:
                    sys.stdout.write(line + "\n")
                return line.strip()
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
            text = chunk.decode(errors="replace")
            for index, char in enumerate(text):
                if char in "\r\n":
                    self.pending += text[index + 1:].lstrip("\n").encode()
                    sys.stdout.write("\r\x1b[K" + status() + " > " + typed + "\n")
                    return typed.strip()
                typed = typed[:-1] if char in "\x7f\b" else typed + char

    def _line_ahead(self) -> str | None:
        for end in (b"\n", b"\r"):
            if end in self.pending:
                line, self.pending = self.pending.split(end, 1)
                self.pending = self.pending.lstrip(b"\n")
                return line.decode(errors="replace")
        return None

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
                follow_up_phase(session, prompt, out, clock)
        except Leave:
            leave(session, out)
            return EXIT_OK
        except (KeyboardInterrupt, EOFError):
            leave(session, out)
            return EXIT_INTERRUPTED
        card = session.finish()
        render_final_reports(out, session)
        render_scorecard(out, card)
    return EXIT_OK


def leave(session, out) -> None:
    """Record that the learner left; say the clock keeps running and how to come back."""
    session.interrupt()
    out.print("\nYou left the interview.")
    again = command_line("mock", "--resume")
    if session.code_phase_over():
        out.print(escape(f"The follow-up questions are waiting: {again}"), soft_wrap=True)
        return
    out.print(f"The clock keeps running, like in a real interview: "
              f"{countdown(session.remaining())} left.", soft_wrap=True)
    for path in session.files().values():
        out.print(escape(f"Your attempt: {shown_path(path)}"), soft_wrap=True)
    out.print(escape(f"Continue while time is left with: {again}"), soft_wrap=True)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _open_session(args, history, clock, out) -> mock.Session:
    if args.resume:
        return _resume(history, clock, out, args.follow_up_seconds)
    named = [catalog.load(name).slug for name in args.kata]  # unknown names fail first
    try:
        katas = named or mock.choose_katas(history, clock(), args.difficulty, args.track)
    except ValueError as error:
        raise UsageError(str(error)) from None
    minutes = args.minutes if args.minutes is not None else \
        sum(catalog.load(slug).minutes for slug in katas)
    _set_aside_unfinished(history, clock, args.new)
    session = mock.Session.start(history, katas, minutes, clock,
                                 args.follow_up_seconds or mock.FOLLOW_UP_SECONDS)
    budget = max(_screen_height(out) - 6 * len(katas), 12) // len(katas)
    for slug, path in session.files().items():
        show_brief(out, slug, path, budget)
    out.print(f"\n[bold]Mock interview: {minutes:g} min.[/bold] "
              f"{'Write your solution in your editor.' if len(katas) == 1 else ''}")
    out.print(escape(f"{PROMPT}."))
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
                         f" is unfinished and {left}: resume it with "
                         f"{command_line('mock', '--resume')} (or add --new to abandon it and "
                         "start another)")
    unfinished.abandon()


def _resume(history, clock, out, follow_up_seconds) -> mock.Session:
    session = mock.Session.resume(history, clock, follow_up_seconds)
    if session is None:
        raise UsageError("there is no unfinished mock interview to resume; start one with "
                         f"{command_line('mock')}")
    out.print(f"Resuming mock interview {session.mock_id}: "
              f"{countdown(session.remaining())} left.")
    for path in session.files().values():
        out.print(escape(f"Your attempt: {shown_path(path)}"), soft_wrap=True)
    return session


# the statement ------------------------------------------------------------------------------

def show_brief(out, slug: str, path, lines: int) -> None:
    """The task, the API and the rules in about ``lines`` lines, naming the attempt file."""
    text = brief(statement_for(slug, path), lines, out.width)
    _print_markdown(out, text)
    out.print(escape(f"Your file: {shown_path(path)}  (the whole statement: `statement`)"),
              soft_wrap=True)


def statement_for(slug: str, path) -> str:
    """The statement, naming the mock's own attempt file instead of the workspace file."""
    return statement_text(catalog.load(slug), path)


def brief(statement: str, lines: int, width: int) -> str:
    """The statement's title, task and rules (every section but the maths, shapes, examples,
    grading and commands; quiz instructions left out), shortened until it fits in ``lines``
    rendered lines: each rule to its first sentence, then the rules to their bold leads on
    one line, then the last sections left to ``statement``. The task is always whole."""
    title, sections = _sections(statement)
    chosen = [(name, _without_quiz(body)) for name, body in sections
              if not name.lower().startswith(BRIEF_LEAVES_OUT)]
    levels = [[level] * len(chosen) for level in range(3)]
    levels += [[2] * keep + [3] * (len(chosen) - keep) for keep in range(len(chosen) - 1, 0, -1)]
    for level in levels:
        shown = [(name, body if name.lower() == "the task" else _condensed(body, at))
                 for (name, body), at in zip(chosen, level)]
        left = [name for name, body in shown if not body]
        text = _join(title, [(name, body) for name, body in shown if body])
        if left:
            text += f"\n\n*{', '.join(left)}: type `statement`.*"
        if _height(text, width) <= lines:
            break
    return text


def _condensed(body: str, level: int) -> str:
    """A rules-like section at a level of detail: 0 whole, 1 first sentences, 2 the rules'
    leads on one line (code kept), 3 nothing."""
    if level == 0:
        return body
    if level == 3:
        return ""
    blocks, leads = [], []
    for block in re.split(r"\n\s*\n", body.strip()):
        if block.lstrip().startswith("```"):
            blocks.append(block)
        elif block.lstrip().startswith("- "):
            items = [_first_sentence(" ".join(item.split())) for item in _bullets(block)]
            if level == 1:
                blocks.append("\n".join(items))
            else:
                leads += [_lead(item) for item in items]
        elif level == 1:
            blocks.append(_first_sentence(" ".join(block.split())))
    if leads:
        blocks.append(" · ".join(leads))
    return "\n\n".join(blocks)


def _lead(item: str) -> str:
    """A rule's bold lead (``**Zero init**``), or the rule itself when it has none."""
    text = item.removeprefix("- ").strip()
    match = re.match(r"\*\*(.+?)\*\*", text)
    return f"**{match.group(1).rstrip('.:')}**" if match else text.rstrip(".")


def _sections(statement: str) -> tuple[str, list[tuple[str, str]]]:
    parts = re.split(r"^## +(.+)$", statement, flags=re.MULTILINE)
    title = next((line for line in parts[0].splitlines() if line.startswith("# ")), "")
    return title, [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def _join(title: str, sections) -> str:
    return "\n\n".join([title] + [f"## {name}\n\n{body}" for name, body in sections])


def _without_quiz(body: str) -> str:
    """Leave out the paragraphs and code blocks about the quiz: the interview has none."""
    blocks = re.split(r"\n\s*\n", body)
    kept, skip_code = [], False
    for block in blocks:
        about_quiz = "QUIZ_ANSWERS" in block or re.search(r"\bquiz\b", block, re.I)
        if about_quiz:
            skip_code = block.rstrip().endswith(":")
            continue
        if skip_code and block.lstrip().startswith("```"):
            skip_code = False
            continue
        skip_code = False
        kept.append(block)
    return "\n\n".join(kept)


def _bullets(body: str) -> list[str]:
    items = re.split(r"\n(?=- )", body.strip())
    return [item for item in items if item.strip()]


def _first_sentence(text: str) -> str:
    code = bold = False
    for index, char in enumerate(text):
        if char == "`":
            code = not code
        elif text.startswith("**", index) and not code:
            bold = not bold
        elif char == "." and not code and not bold and \
                (index + 1 == len(text) or text[index + 1] == " ") and index > 2:
            return text[:index + 1]
    return text


def _height(markdown: str, width: int) -> int:
    from rich.markdown import Markdown
    probe = Console(file=io.StringIO(), width=width, color_system=None)
    probe.print(Markdown(markdown))
    return len(probe.file.getvalue().splitlines())


def _screen_height(out) -> int:
    return out.size.height if out.is_terminal else 40


def _print_markdown(out, text: str) -> None:
    from rich.markdown import Markdown  # imported when shown: it is slow to import
    if plain_output():
        print(text)
    else:
        out.print(Markdown(text))


def show_statement(out, session) -> None:
    for slug, path in session.files().items():
        _print_markdown(out, statement_for(slug, path))
        out.print(escape(f"Your file: {shown_path(path)}"), soft_wrap=True)


# the coding part -----------------------------------------------------------------------------

def code_phase(session, prompt, out, clock) -> None:
    while True:
        command = prompt.read(lambda: f"[{countdown(session.remaining())} left] {PROMPT}",
                              session.deadline, clock)
        if command is None or session.remaining() <= 0:
            out.print("\n[bold]Time is up[/bold] — grading your file as it is now.")
            grade_all(session, out, final=True)
            session.end_code_phase(mock.EndReason.TIME)
            return
        command = command.lower()
        if command in ("", "s", "submit"):
            grade_all(session, out)
        elif command in ("h", "hint"):
            give_hint(session, out)
        elif command == "statement":
            show_statement(out, session)
        elif command in ("d", "done"):
            grade_all(session, out, final=True)
            session.end_code_phase(mock.EndReason.DONE)
            return
        elif command in ("q", "quit"):
            raise Leave
        else:
            out.print(escape(f"unknown command {command!r}: {PROMPT}"))


def grade_all(session, out, final: bool = False) -> None:
    """Grade every attempt file and say which areas pass; the details wait for the end."""
    for slug, path in session.files().items():
        result = grade_and_record(catalog.load(slug), path, shown_path(path), origin="mock")
        session.record_grade(result)
        render_areas(out, mock.without_quiz(result), len(session.katas) > 1)
    if final:
        out.print("[dim]The full report comes with the scorecard.[/dim]")
    else:
        out.print(f"[dim]{duration(session.elapsed())} used, {countdown(session.remaining())} "
                  "left. The details come with the scorecard, as in an interview.[/dim]")


def render_areas(out, result, name_kata: bool) -> None:
    """Which areas pass, with no fix and no expected value; a file that does not load says
    why (as running it would)."""
    areas = mock.areas_of(result.checks)
    if name_kata:
        out.print(f"[bold]{result.kata}[/bold]")
    width = max((len(a.name) for a in areas), default=0)
    for area in areas:
        if area.passes:
            verdict = Text("pass", style="green")
            count = f"{area.total} check{'s' * (area.total != 1)}"
        elif area.failing:
            verdict = Text("not yet", style="bold red")
            count = f"{area.passed} of {area.measured} check{'s' * (area.measured != 1)} pass"
        elif area.todo:
            verdict = Text("not done", style="yellow")
            count = f"{len(area.todo)} of {area.total} check{'s' * (area.total != 1)} not " \
                "attempted"
        else:
            verdict, count = Text("not measured", style="dim"), "a failure elsewhere comes first"
        out.print(Text.assemble(f"  {area.name:<{width}}  ", verdict, f"  ({count})"))
    for check in result.checks:
        if check.category.value == "api" and check.status.value != "pass" and check.message:
            report.hanging(out, Text("  "), Text(check.message))


def give_hint(session, out) -> None:
    for slug in session.katas:
        hint = session.take_hint(slug)
        if hint is not None:
            index, text = hint
            out.print(f"[bold]Hint {index + 1}[/bold] (costs {mock.HINT_COST:g} points): "
                      f"{escape(text)}")
            return
    out.print("No hints left.")


# the follow-up questions ---------------------------------------------------------------------

def follow_up_phase(session, prompt, out, clock) -> None:
    questions = session.follow_ups()
    limit = session.follow_up_seconds
    if questions:
        out.print(f"\n[bold]Follow-up questions[/bold] — {limit:g} s each. Answer in a few "
                  "sentences (or out loud, then Enter); then score your answer against the "
                  "interviewer's rubric.")
    every = [(slug, q.id) for slug, q in session.all_follow_ups()]
    for slug, question in questions:
        number = every.index((slug, question.id)) + 1
        out.print(f"\n[bold]Question {number} of {len(every)}[/bold] [dim]({question.id})[/dim]")
        out.print(escape(question.question))
        started = clock()
        answer = prompt.read(lambda: f"[{countdown(max(started + limit - clock(), 0))} left] "
                             "your answer", started + limit, clock)
        seconds = clock() - started
        out.print("The interviewer listens for:")
        for index, point in enumerate(question.rubric, 1):
            report.hanging(out, Text(f"  {index}. "), Text(point))
        if answer is None or seconds > limit:
            out.print("[red]Time's up[/red] — no answer in time, so no point.")
            session.answer(slug, question, None, 0, seconds, limit)
            continue
        points = read_points(prompt, out, clock, len(question.rubric))
        session.answer(slug, question, answer, points, seconds, limit)


def read_points(prompt, out, clock, of: int) -> int:
    """The candidate's score for their answer, asked until it is a number from 0 to ``of``:
    the same rule as every quiz prompt (anything else is asked again, never marked)."""
    question = Question("points", "", "", answer_value=0.0)
    while True:
        text = prompt.read(lambda: f"How many of these {of} points did your answer make? "
                           f"(0-{of}, or {STOP} to stop)", clock() + 3600, clock)
        if text is None or text.lower() == STOP:
            raise Leave
        problem = retry_message(question, text)
        value = None if problem else float(text.replace(",", "").replace(" ", ""))
        if value is not None and value.is_integer() and 0 <= value <= of:
            return int(value)
        out.print(escape(f"{text!r} is not an answer: type a whole number from 0 to {of}, or "
                         f"{STOP} to stop" if text else f"type a whole number from 0 to {of}"))


# the end --------------------------------------------------------------------------------------

def render_final_reports(out, session) -> None:
    """The full report of the last grade of each kata (the quiz aside)."""
    for result in session.last_reports().values():
        out.print()
        report.render(mock.without_quiz(result), out)


def render_scorecard(out, card: mock.Scorecard) -> None:
    table = Table(title="Scorecard", title_justify="left")
    table.add_column("rubric")
    table.add_column("score", justify="right")
    table.add_column("")
    items = card.items
    for area in card.areas:
        if area.name not in items and area.total:
            table.add_row(area.name, "-", "not measured: failures come first")
        elif area.name in items:
            score = items.pop(area.name)
            table.add_row(area.name, f"{score:.1f} / 4", "#" * round(score * 4))
    for item, score in items.items():
        table.add_row(item, f"{score:.1f} / 4", "#" * round(score * 4))
    table.add_row("hints used", str(card.hints),
                  f"-{mock.HINT_COST * card.hints:g} overall" if card.hints else "")
    out.print(table)
    out.print(f"Time used: {duration(card.time_used_s)} of {card.minutes:g} min.  "
              f"Overall {card.overall:.2f} / 4: [bold]{card.grade}[/bold]")
    if card.capped:
        out.print(f"(at most {mock.WRONG_ALGORITHM_CAP:g}: correctness and convergence must "
                  "be 4 / 4 for a hire grade)")
    if card.flagged:
        report.hanging(out, Text("Flagged: ", style="bold yellow"), Text(card.flagged))
    out.print("Practise next:")
    for advice in card.practise_next:
        command = f" ({command_line(*advice.command)})" if advice.command else ""
        report.hanging(out, Text("  - "), Text(advice.text + command))
