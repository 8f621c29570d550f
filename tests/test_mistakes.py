"""Every mistake of the catalogue is caught by the project's checks (``nox -s mistakes``)."""

import pytest

import backprop as bp
import backprop.deltas
from selfcheck import catalogue, links, report
from selfcheck.__main__ import main
from selfcheck.mistakes import MISTAKES, by_name
from selfcheck.reference import backprop_implementation


@pytest.fixture(scope="module")
def verdicts() -> list[catalogue.Verdict]:
    return catalogue.judge_all()


def test_the_catalogue_has_at_least_twelve_named_explained_labelled_mistakes() -> None:
    assert len(MISTAKES) >= 12
    assert len({m.name for m in MISTAKES}) == len(MISTAKES)
    pages = links.label_pages()
    for mistake in MISTAKES:
        assert mistake.title
        assert mistake.explanation.endswith(".")
        assert mistake.label in pages, mistake.label


def test_every_mistake_is_caught(verdicts: list[catalogue.Verdict]) -> None:
    missed = [v.mistake.name for v in verdicts if not v.caught]
    assert not missed, f"not caught: {missed}"


def test_every_declared_hand_written_test_fails_with_its_mistake(
    verdicts: list[catalogue.Verdict],
) -> None:
    for verdict in verdicts:
        assert all(verdict.hand_tests.values()), (verdict.mistake.name, verdict.hand_tests)


def test_the_table_lists_every_mistake_and_a_full_score(
    verdicts: list[catalogue.Verdict],
) -> None:
    table = catalogue.format_table(verdicts)
    for mistake in MISTAKES:
        assert mistake.name in table
        assert mistake.label in table
    assert table.splitlines()[-1] == f"{len(MISTAKES)} of {len(MISTAKES)} mistakes caught (100 %)"


def test_the_correct_code_passes_every_check() -> None:
    outcomes = report.run_checks(backprop_implementation(bp.Network))
    assert [o.check.title for o in outcomes if o.status != "pass"] == []


def test_network_mistakes_override_one_hook_and_copy_no_backward_pass() -> None:
    hooks = {"_gradients", "_weight_gradient", "_delta_before", "_stepped"}
    for mistake in MISTAKES:
        if mistake.network_class is None:
            continue
        overridden = {n for n in vars(mistake.network_class) if not n.startswith("__")}
        assert len(overridden) == 1, (mistake.name, overridden)
        assert overridden <= hooks, mistake.name
        assert "for layer in" not in "\n".join(mistake.source_lines()[1]), mistake.name


def test_installing_a_mistake_is_undone_afterwards() -> None:
    original = backprop.deltas.output_delta
    with by_name("output-delta-without-sigma-prime").installed():
        assert backprop.deltas.output_delta is not original
    assert backprop.deltas.output_delta is original
    with by_name("stale-activations").installed() as network_class:
        assert bp.Network is network_class
    assert bp.Network is backprop.network.Network


def test_each_mistake_differs_from_the_right_code_in_a_few_lines() -> None:
    for mistake in MISTAKES:
        _, added = mistake.changed_lines()
        assert added, mistake.name
        assert len(added) <= 4, (mistake.name, added)


def test_an_unknown_mistake_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="stale-activations"):
        by_name("no-such-mistake")


def test_the_catalogue_command_prints_the_table_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--catalogue", "--no-hand-tests"]) == 0
    out = capsys.readouterr().out
    assert "mistakes caught (100 %)" in out
    assert main(["--list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(MISTAKES)
