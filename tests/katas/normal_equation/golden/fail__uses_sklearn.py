"""Fits with sklearn.linear_model.LinearRegression. The import is refused, so the file does not
load; the grader must fail `load` and `no_ml_library` and skip the rest."""
# expect-failing: load, no_ml_library

from sklearn.linear_model import LinearRegression


def fit_normal_equation(X, y):
    model = LinearRegression().fit(X, y)
    return model.coef_, float(model.intercept_)


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
