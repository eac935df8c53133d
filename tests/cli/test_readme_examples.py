"""The README's example outputs are those of real runs on the samples (scripts/readme_examples.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "readme_examples.py"


@pytest.mark.slow
def test_readme_examples_are_fresh() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_fails_on_a_stale_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_examples", SCRIPT)
    assert spec and spec.loader
    examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(examples)
    readme = tmp_path / "README.md"
    readme.write_text("# x\n<!-- example: version -->\n```text\n$ armsledger --version\nold\n```\n"
                      "<!-- /example -->\n", encoding="utf-8")
    monkeypatch.setattr(examples, "README", readme)
    monkeypatch.setattr(examples, "EXAMPLES", {"version": [("armsledger --version", None)]})
    monkeypatch.setattr(sys, "argv", ["readme_examples.py", "--check"])
    assert examples.main() == 1 and "old" in readme.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["readme_examples.py"])
    assert examples.main() == 0
    assert "$ armsledger --version\narmsledger, version " in readme.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["readme_examples.py", "--check"])
    assert examples.main() == 0
