"""Import a kata's reference solution into the examiner's process (it is trusted code)."""

from __future__ import annotations

import importlib.util

from katakit.catalog import Kata


def load(kata: Kata):
    spec = importlib.util.spec_from_file_location(f"reference_{kata.slug}", kata.solution_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
