"""katakit: practise machine-learning interview katas against a grader you can trust.

Kept import-light on purpose: the sandboxed worker imports ``katakit.protocol`` and must not
pull in pytest, rich or the grader.
"""
