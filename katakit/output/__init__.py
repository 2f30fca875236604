"""Everything a Report becomes for people and tools: the text report, machine formats, charts.

Depends on ``katakit.results`` only; rendering lives here and nowhere else.
"""
