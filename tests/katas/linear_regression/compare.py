"""What `compare linear_regression` measures, for the learner's code and the reference alike."""

from katakit.author.linear_models import compare_fit, least_squares


def run(candidate, rng):
    return compare_fit(candidate, rng, "LinearRegression", least_squares)
