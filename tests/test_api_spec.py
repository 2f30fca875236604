"""Signature rules: positional parameters by count, keyword parameters by name and default."""

from katakit.catalog import api_spec


def params(*specs):
    """('X', 'lr=0.01', '*args') -> the worker's description of such parameters."""
    described = []
    for spec in specs:
        kind = "VAR_POSITIONAL" if spec.startswith("*") and not spec.startswith("**") else (
            "VAR_KEYWORD" if spec.startswith("**") else "POSITIONAL_OR_KEYWORD")
        name, _, default = spec.lstrip("*").partition("=")
        described.append({"name": name, "kind": kind, "has_default": bool(default),
                          "default": eval(default) if default else None})
    return described


SPEC = "X, y, lr=0.01, epochs=1000"


def test_exact_signature_and_extra_defaulted_parameters_are_fine():
    assert api_spec.problems(SPEC, params("X", "y", "lr=0.01", "epochs=1000")) == []
    assert api_spec.problems(SPEC, params("features", "targets", "epochs=1000", "lr=0.01",
                                          "verbose=False")) == []
    assert api_spec.problems(SPEC, params("*args", "**kwargs")) == []


def test_renamed_keyword_parameter_is_reported_by_name():
    found = api_spec.problems(SPEC, params("X", "y", "learning_rate=0.01", "epochs=1000"))
    assert found == ["it has no parameter named 'lr' (called as lr=...)"]


def test_wrong_default_and_missing_positional_are_reported():
    assert api_spec.problems(SPEC, params("X", "y", "lr=0.1", "epochs=1000")) == [
        "'lr' defaults to 0.1, the spec says 0.01"]
    assert "takes 1 positional" in api_spec.problems(SPEC, params("X", "lr=0.01",
                                                                  "epochs=1000"))[0]


def test_extra_required_parameter_needs_a_default():
    found = api_spec.problems("X", params("X", "w"))
    assert found == ["its extra parameter 'w' needs a default"]
