"""The learner's own tools: history, progress, workspace, mock interviews,
and the quiz answers in the learner's file.

None of these imports pytest or runs learner code: commands that do not grade stay fast.
"""
