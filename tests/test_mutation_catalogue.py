"""The mutation gate reads the catalogue of mistakes (selfcheck/mutation_catalogue.py)."""

from pathlib import Path

import pytest

import backprop
from backprop import deltas
from selfcheck import mutation_catalogue, mutation_gate
from selfcheck.mistakes import MISTAKES

ROOT = Path(__file__).resolve().parent.parent
SELECTION = mutation_catalogue.selected_tests(ROOT / "pyproject.toml")


def _one_killed_mutant_of_every_mistake() -> dict[str, str]:
    return {mutation_catalogue.mutant_prefix(m.right) + "1": "killed" for m in MISTAKES}


def test_mutant_prefixes_match_the_names_mutmut_gave_the_listed_equivalents() -> None:
    # The listed names were written by a mutmut run, not derived from mutant_prefix.
    listed = mutation_gate.equivalents(ROOT / "tests" / "mutation-equivalents.md")
    for function in (backprop.Network._stepped, backprop.activations.sigmoid):
        prefix = mutation_catalogue.mutant_prefix(function)
        assert any(name.startswith(prefix) for name in listed), prefix


def test_mutant_prefix_refuses_a_nested_function() -> None:
    def local() -> None: ...

    with pytest.raises(ValueError, match=r"expected a function or a method.*<locals>"):
        mutation_catalogue.mutant_prefix(local)


def test_the_project_s_selection_reaches_every_catalogued_mistake() -> None:
    assert MISTAKES
    assert mutation_catalogue.gaps(SELECTION) == {}


def test_a_selection_without_the_network_tests_misses_the_mistakes_they_catch() -> None:
    selection = [entry for entry in SELECTION if entry != "tests/test_network.py"]
    gaps = mutation_catalogue.gaps(selection)
    named = {m.name for m in MISTAKES if any("test_network.py" in t for t in m.hand_tests)}
    assert named
    assert set(gaps) == named
    assert all("tests/test_network.py (in hand_tests)" in gap for gap in gaps.values())


def test_code_outside_backprop_is_a_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if output_delta had moved out of the package mutmut mutates.
    monkeypatch.setattr(mutation_catalogue, "MUTATED_PACKAGE", "elsewhere")
    gaps = mutation_catalogue.gaps(SELECTION)
    assert set(gaps) == {m.name for m in MISTAKES}
    output = next(m for m in MISTAKES if m.right is deltas.output_delta)
    assert "backprop.deltas.output_delta is outside elsewhere/" in gaps[output.name]


def test_notes_count_each_piece_of_code_s_mutants_and_name_its_mistakes() -> None:
    prefix = mutation_catalogue.mutant_prefix(deltas.output_delta)
    statuses = {
        prefix + "1": "killed",
        prefix + "2": "timeout",
        prefix + "3": "survived",
        # Another function whose name starts the same way is not output_delta's.
        "backprop.deltas.x_output_delta_cross_entropy__mutmut_1": "survived",
    }
    notes = {note.code: note for note in mutation_catalogue.notes(statuses)}
    note = notes["backprop.deltas.output_delta"]
    assert (note.killed, note.total) == (2, 3)
    assert set(note.mistakes) == {m.name for m in MISTAKES if m.right is deltas.output_delta}
    assert "2 of 3 mutants killed" in note.line()
    unmutated = [n for n in notes.values() if n.total == 0]
    assert unmutated
    assert all("no mutants" in n.line() for n in unmutated)


def test_every_catalogued_mistake_is_in_exactly_one_note() -> None:
    notes = mutation_catalogue.notes(_one_killed_mutant_of_every_mistake())
    named = [name for note in notes for name in note.mistakes]
    assert sorted(named) == sorted(m.name for m in MISTAKES)
    assert all((n.killed, n.total) == (1, 1) for n in notes)


def test_the_gate_fails_on_an_unreached_mistake_and_says_which() -> None:
    stats = {"killed": 100, "total": 100, "skipped": 0}
    gate = mutation_gate.evaluate(stats, {}, {}, unreached={"stale-activations": "outside"})
    assert not gate.passed
    assert "stale-activations: outside" in gate.report()
    assert mutation_gate.evaluate(stats, {}, {}).passed


def test_main_reports_the_catalogue_s_code_from_a_saved_results_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.json"
    stats.write_text('{"killed": 30, "total": 30, "skipped": 0}', encoding="utf-8")
    results = tmp_path / "results.txt"
    killed = _one_killed_mutant_of_every_mistake()
    results.write_text("".join(f"    {n}: {s}\n" for n, s in killed.items()), encoding="utf-8")
    args = ["--stats", str(stats), "--results", str(results)]
    assert mutation_gate.main([*args, "--pyproject", str(ROOT / "pyproject.toml")]) == 0
    out = capsys.readouterr().out
    assert "the code the catalogue's mistakes replace:" in out
    assert "backprop.deltas.output_delta: 1 of 1 mutants killed" in out
    narrow = tmp_path / "pyproject.toml"
    narrow.write_text(
        '[tool.mutmut]\npytest_add_cli_args_test_selection = ["tests/generated"]\n',
        encoding="utf-8",
    )
    assert mutation_gate.main([*args, "--pyproject", str(narrow)]) == 1
    assert "out of the run's reach" in capsys.readouterr().out
