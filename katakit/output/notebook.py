"""A Report as a notebook shows it: readable text for ``print(report)``, the grouped report in
HTML for Jupyter (with the loss curves beside the reference's when the kata has them), and a
one-line ``repr`` for lists and debuggers.

``katakit.check`` returns a :class:`NotebookReport`; it is a Report in every other way.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from itertools import groupby

from rich.console import Console

from katakit.output import plot, report as text_report
from katakit.results import Report, Status, Verdict

WIDTH = 100
COLOURS = {Status.PASS: "#1a7f37", Status.FAIL: "#cf222e", Status.ERROR: "#cf222e",
           Status.TIMEOUT: "#cf222e", Status.TODO: "#9a6700", Status.SKIP: "#6e7781"}
VERDICT_COLOURS = {Verdict.PASS: "#1a7f37", Verdict.FAIL: "#cf222e", Verdict.TODO: "#9a6700"}


@dataclass(frozen=True)
class NotebookReport(Report):
    """A Report that reads well in a notebook."""

    curves: dict = field(default_factory=dict)
    """Curve name -> {"yours": values, "reference": values} (e.g. the loss history)."""
    curves_problem: str = ""
    """Why the curves could not be drawn (your code raised while measured ...)."""

    @classmethod
    def of(cls, report: Report, **extra) -> "NotebookReport":
        fields = {name: getattr(report, name) for name in report.__dataclass_fields__}
        return cls(**{**fields, **extra})

    def __str__(self) -> str:
        out = Console(file=io.StringIO(), width=WIDTH, color_system=None, highlight=False,
                      emoji=False, force_terminal=False, force_jupyter=False)
        text_report.render(self, out)
        for name, curves in self.curves.items():
            out.print(f"\n{name}")
            for line in plot.terminal_chart(curves, columns=WIDTH):
                out.print(line, markup=False, no_wrap=True, overflow="crop")
        return out.file.getvalue().rstrip("\n")

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s.value}" for s in Status
                           if (n := sum(c.status is s for c in self.checks)))
        return (f"<Report {self.kata}: {self.verdict.value.upper()} ({counts}); seed "
                f"{self.seed}>")

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython's plain-text display
        printer.text(repr(self) if cycle else str(self))

    def _repr_html_(self) -> str:
        return to_html(self)


def to_html(report: NotebookReport) -> str:
    """The grouped report: a table per category, failures with their message, the verdict,
    then the curves."""
    e = html.escape
    parts = [f"<div class='katakit-report' style='font-family: sans-serif; line-height: 1.35'>"
             f"<p><b>{e(report.kata)}</b> &nbsp; {e(report.target)} &nbsp; "
             f"<span style='color:#6e7781'>seed {report.seed}</span></p>"]
    for category, checks in groupby(report.checks, key=lambda c: c.category):
        parts.append(f"<p style='margin:0.6em 0 0.2em 0'><b>{e(category.value)}</b></p>"
                     "<table style='border-collapse:collapse; text-align:left'>")
        for check in checks:
            colour = COLOURS[check.status]
            message = "" if check.status is Status.PASS or not check.message else \
                f"<div style='margin-top:0.2em'>{e(check.message)}</div>"
            parts.append(
                "<tr style='vertical-align:top'>"
                f"<td style='color:{colour}; font-weight:bold; padding:0.15em 0.8em 0.15em 0;"
                f" text-align:left'>{check.status.value}</td>"
                f"<td style='padding:0.15em 0.8em 0.15em 0; text-align:left'>"
                f"<code>{e(check.id)}</code></td>"
                f"<td style='padding:0.15em 0; text-align:left'>"
                f"<span style='color:#57606a; white-space:pre-line'>{e(check.title)}</span>"
                f"{message}</td></tr>")
        parts.append("</table>")
    note = text_report.broadcast_note(report.checks)
    if note:
        parts.append(f"<p><b>note:</b> {e(note)}</p>")
    label, _, advice = text_report.VERDICT_TEXT[report.verdict]
    counts = ", ".join(f"{n} {s.value}" for s in Status
                       if (n := sum(c.status is s for c in report.checks)))
    parts.append(f"<p><b>Verdict: <span style='color:{VERDICT_COLOURS[report.verdict]}'>"
                 f"{label}</span></b> ({counts}; {report.duration_s:.1f} s) — {e(advice)}</p>")
    parts += [_curves_html(name, curves) for name, curves in report.curves.items()]
    if report.curves_problem:
        parts.append(f"<p style='color:#6e7781'>No curves: {e(report.curves_problem)}</p>")
    parts.append("</div>")
    return "".join(parts)


def _curves_html(name: str, curves: dict) -> str:
    """The curves as a PNG drawn by matplotlib, or the terminal chart when it is missing."""
    buffer = io.BytesIO()
    try:
        plot.png_chart(curves, buffer, title=name)
    except plot.PlotUnavailable as missing:
        chart = "\n".join(plot.terminal_chart(curves, columns=WIDTH))
        return (f"<p><b>{html.escape(name)}</b></p><pre>{html.escape(chart)}</pre>"
                f"<p style='color:#6e7781'>{html.escape(str(missing))}</p>")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f"<p><b>{html.escape(name)}</b></p>"
            f"<img alt='{html.escape(name)}' src='data:image/png;base64,{data}'/>")
