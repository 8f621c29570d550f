"""The mutation gate reads the catalogue of mistakes: the run must mutate and test their code."""

from pathlib import Path

import pytest

import backprop
from backprop import deltas
from selfcheck import mutation_gate
from selfcheck.mistakes import MISTAKES

ROOT = Path(__file__).resolve().parent.parent
SELECTION = mutation_gate.selected_tests(ROOT / "pyproject.toml")


def _one_mutant_of_every_mistake() -> list[str]:
    return sorted({mutation_gate.mutant_prefix(m.right) + "1" for m in MISTAKES})


def test_mutant_prefixes_match_the_names_mutmut_gave_the_listed_equivalents() -> None:
    # The listed names were written by a mutmut run, not derived from mutant_prefix.
    listed = mutation_gate.equivalents(ROOT / "tests" / "mutation-equivalents.md")
    for function in (backprop.Network._stepped, backprop.activations.sigmoid):
        prefix = mutation_gate.mutant_prefix(function)
        assert any(name.startswith(prefix) for name in listed), prefix


def test_mutant_prefix_refuses_a_nested_function() -> None:
    def local() -> None: ...

    with pytest.raises(ValueError, match=r"expected a function or a method.*<locals>"):
        mutation_gate.mutant_prefix(local)


def test_a_run_that_mutates_every_catalogued_function_and_selects_their_tests_has_no_gap() -> None:
    assert mutation_gate.catalogue_gaps(_one_mutant_of_every_mistake(), SELECTION) == {}


def test_a_run_without_mutants_of_output_delta_misses_its_mistakes() -> None:
    prefix = mutation_gate.mutant_prefix(deltas.output_delta)
    names = [n for n in _one_mutant_of_every_mistake() if not n.startswith(prefix)]
    gaps = mutation_gate.catalogue_gaps(names, SELECTION)
    assert set(gaps) == {m.name for m in MISTAKES if m.right is deltas.output_delta}
    assert all("no mutant of backprop.deltas.x_output_delta" in gap for gap in gaps.values())


def test_a_selection_without_the_network_tests_misses_the_mistakes_they_catch() -> None:
    selection = [entry for entry in SELECTION if entry != "tests/test_network.py"]
    gaps = mutation_gate.catalogue_gaps(_one_mutant_of_every_mistake(), selection)
    named = {m.name for m in MISTAKES if any("test_network.py" in t for t in m.hand_tests)}
    assert named
    assert set(gaps) == named
    assert all("tests/test_network.py (in hand_tests)" in gap for gap in gaps.values())


def test_the_gate_fails_on_a_catalogue_gap_and_says_which_mistake() -> None:
    stats = {"killed": 100, "total": 100, "skipped": 0}
    gate = mutation_gate.evaluate(stats, {}, {}, uncovered={"stale-activations": "no mutant"})
    assert not gate.passed
    assert "stale-activations: no mutant" in gate.report()
    assert mutation_gate.evaluate(stats, {}, {}).passed


def test_main_reads_a_saved_results_file_and_the_pyproject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.json"
    stats.write_text('{"killed": 30, "total": 30, "skipped": 0}', encoding="utf-8")
    results = tmp_path / "results.txt"
    names = _one_mutant_of_every_mistake()
    results.write_text("".join(f"    {n}: killed\n" for n in names), encoding="utf-8")
    args = ["--stats", str(stats), "--results", str(results)]
    args += ["--pyproject", str(ROOT / "pyproject.toml")]
    assert mutation_gate.main(args) == 0
    assert f"covers all {len(MISTAKES)} mistakes" in capsys.readouterr().out
    results.write_text("".join(f"    {n}: killed\n" for n in names[1:]), encoding="utf-8")
    assert mutation_gate.main(args) == 1
    assert "not covered by the run" in capsys.readouterr().out
