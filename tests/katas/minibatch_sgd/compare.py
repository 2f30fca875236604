"""What `compare minibatch_sgd` measures, for the learner's code and the reference alike."""

from katakit.author.linear_models import compare_fit, least_squares


def run(candidate, rng):
    return compare_fit(candidate, rng, "MiniBatchSGD", least_squares, lr=0.02, epochs=60,
                       fit_kwargs={"batch_size": 32, "seed": 0}, tolerance=1e-3)
