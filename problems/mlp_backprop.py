"""A two-layer neural network with backprop written by hand — your implementation.

Read the statement first:   python grader.py show mlp_backprop
Grade this file:            python grader.py check mlp_backprop --file <this file>

Rules: NumPy only (no autograd library); the only Python loop allowed is the one over epochs;
do not modify X or y.
"""

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        """rng = np.random.default_rng(seed);
        W1 = rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_hidden)), b1 = zeros(d_hidden),
        W2 = rng.normal(0.0, np.sqrt(2 / d_hidden), size=(d_hidden, n_classes)),
        b2 = zeros(n_classes)."""
        # TODO: set self.W1, self.b1, self.W2, self.b2
        raise NotImplementedError("TODO: __init__")

    def predict(self, X):
        """X (N, d_in) -> class labels (N,): argmax over the classes of
        relu(X @ W1 + b1) @ W2 + b2."""
        # TODO
        raise NotImplementedError("TODO: predict")

    def loss_and_grads(self, X, y):
        """X (N, d_in), y (N,) integer labels in 0 .. n_classes - 1.

        Return (loss, grads): loss is the mean softmax cross-entropy as a float; grads is a
        dict {"W1": ..., "b1": ..., "W2": ..., "b2": ...} of new arrays, each shaped like its
        parameter. Do not change the parameters here.
        """
        # TODO: forward pass, stable log-softmax, loss; then the backward pass
        raise NotImplementedError("TODO: loss_and_grads")

    def fit(self, X, y, lr=0.1, epochs=100):
        """Full-batch gradient descent from the current parameters.

        Each epoch: loss_and_grads on all of X, record the loss, then p = p - lr * grads[p]
        for W1, b1, W2, b2. Return the list of `epochs` losses.
        """
        # TODO
        raise NotImplementedError("TODO: fit")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz mlp_backprop` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "softmax_gradient": None,
    "initial_loss": None,
    "zero_init_learns": None,
    "parameter_count": None,
    "relu_mask": None,
    "max_subtraction": None,
}
