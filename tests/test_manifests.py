"""Every kata is declared once, completely: manifest, statement, stub, reference, checks."""

from __future__ import annotations

import ast

import pytest

from katakit import catalog
from katakit.catalog import quiz
from katakit.results import Category

GENERIC_CHECKS = {"load", "signatures", "no_ml_library"}
KATAS = catalog.all_katas()


def check_ids(kata) -> set[str]:
    tree = ast.parse(kata.checks_path.read_text())
    names = {node.name[5:] for node in tree.body
             if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    return names | GENERIC_CHECKS


def module_constant(path, name):
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name
                                                for t in node.targets):
            return ast.literal_eval(node.value)
    return None


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_every_file_of_the_kata_exists(kata):
    for path in (kata.statement_path, kata.stub_path, kata.solution_path, kata.checks_path):
        assert path.is_file(), path


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_hints_progress_and_point_at_real_checks(kata):
    assert len(kata.hints) >= 3
    known = check_ids(kata)
    for hint in kata.hints:
        assert hint.text.strip()
        assert set(hint.checks) <= known, set(hint.checks) - known


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_check_ids_are_unique_in_a_report(kata):
    quiz_ids = {q.id for q in kata.quiz}
    assert not quiz_ids & check_ids(kata), "a quiz id reuses a check id"


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_quiz_has_explanations_and_a_valid_key(kata):
    assert len(kata.quiz) >= 4
    assert len({q.id for q in kata.quiz}) == len(kata.quiz)
    for question in kata.quiz:
        assert len(question.explanation) > 40, question.id
        assert question.is_numeric or len(question.choices) >= 3


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_stub_asks_every_question_and_reference_answers_them_right(kata):
    stub_answers = module_constant(kata.stub_path, quiz.ANSWERS_NAME)
    reference_answers = module_constant(kata.solution_path, quiz.ANSWERS_NAME)
    ids = [q.id for q in kata.quiz]
    assert stub_answers == dict.fromkeys(ids)
    for question in kata.quiz:
        assert quiz.problem_with(question, reference_answers[question.id]) is None


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_every_check_is_tagged_with_a_known_category(kata):
    tree = ast.parse(kata.checks_path.read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            tags = [d.args[0].value for d in node.decorator_list
                    if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "check"]
            assert len(tags) == 1 and Category(tags[0]), node.name
            assert ast.get_docstring(node), f"{node.name} needs a learner-facing docstring"


def test_unknown_kata_suggests_close_names():
    with pytest.raises(catalog.CatalogError, match="did you mean linear_regression"):
        catalog.load("linear_regresion")


def test_catalogue_is_a_learning_path_from_easy_to_hard():
    order = [(catalog.DIFFICULTIES.index(k.difficulty), k.minutes) for k in KATAS]
    assert order == sorted(order)
