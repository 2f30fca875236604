"""Everything a Report becomes for people and tools: the text report, machine formats, charts,
and the notebook's HTML.

Depends on ``katakit.results`` only; rendering lives here and nowhere else.
"""
