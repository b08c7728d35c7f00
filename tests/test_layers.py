"""The layers hold: import-linter checks the contracts written in pyproject.toml.

core below ui below cli; Textual never imported by core or by the commands that
draw no screen; no two modules of one package importing each other round a circle.
(tests/cli also starts each screenless command in a fresh process and checks that
Textual was never loaded: this test covers every import, that one what really runs.)
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"

CHECK = """
import sys
from importlinter.cli import lint_imports
sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))
"""


def test_the_contracts_are_all_there() -> None:
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    kinds = {contract["type"] for contract in contracts}
    assert kinds == {"layers", "forbidden", "acyclic_siblings"}
    layers = next(contract for contract in contracts if contract["type"] == "layers")["layers"]
    assert layers == ["reconnect_tui.cli", "reconnect_tui.ui", "reconnect_tui.core"]
    screenless = [c for c in contracts if c["type"] == "forbidden" and "textual" in c["forbidden_modules"]]
    sources = {module for contract in screenless for module in contract["source_modules"]}
    assert "reconnect_tui.core" in sources and "reconnect_tui.cli.journal" in sources


def test_import_linter_finds_every_contract_kept() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(PYPROJECT)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
