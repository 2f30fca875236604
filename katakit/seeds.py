"""Seeds of the random test data: every run prints its seed and ``--seed`` reproduces it."""

import random


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 1_000_000)
