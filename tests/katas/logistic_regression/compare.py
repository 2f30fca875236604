"""What `compare logistic_regression` measures, for the learner's code and the reference alike."""

from katakit.author.logistic_models import compare_classifier_fit


def run(candidate, rng):
    return compare_classifier_fit(candidate, rng, "LogisticRegression")
