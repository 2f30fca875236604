"""The learner's own tools: history, progress, workspace and mock interviews.

None of these imports pytest or runs learner code: commands that do not grade stay fast.
"""
