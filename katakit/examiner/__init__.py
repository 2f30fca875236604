"""The examiner: pytest, the reference solution and every verdict, in the grader's process.

``grading`` runs a kata's hidden checks through the ``plugin``; ``checks_first`` and
``checks_last`` are the checks every kata gets from its manifest; ``batch`` grades a folder,
``compare`` runs the learner and the reference side by side, ``devcheck`` proves a kata.
"""
