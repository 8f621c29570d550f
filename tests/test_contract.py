"""The README is the contract: CI runs exactly the README's test command."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", setup, re.DOTALL)]


def test_the_readme_holds_exactly_two_set_up_commands_one_building_the_site():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert all("\n" not in command for command in commands)
    assert commands[0].endswith("nox -s docs")


def test_ci_runs_the_readme_test_command_unchanged():
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci_lines


def test_the_readme_example_prints_what_the_readme_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    claimed = re.search(r"net\.forward\(X\)\.round\(2\)\s+# array\((.*)\)", example.group(1))
    assert claimed is not None
    namespace: dict[str, object] = {}
    exec(example.group(1), namespace)  # noqa: S102 -- the README's own example
    shown = namespace["net"].forward(namespace["X"]).round(2).tolist()
    assert shown == ast.literal_eval(claimed.group(1))
