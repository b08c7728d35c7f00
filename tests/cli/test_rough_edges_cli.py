"""The rough edges of the first hour, on the plain terminal."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from reconnect_tui.cli import app
from reconnect_tui.core.names import NAME_LIMIT, name_problem
from reconnect_tui.ui.widgets.checkin_header import timer_text

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_a_name_longer_than_the_limit_is_refused_with_the_limit_named(private_home: Path) -> None:
    long = "A" * (NAME_LIMIT + 1)
    result = run("checkin", "--partners", f"{long},Sam")
    assert result.exit_code == 1
    assert f"longer than {NAME_LIMIT} characters" in result.stderr and "\n" not in result.stderr.strip()
    assert name_problem("B" * NAME_LIMIT) is None


def test_the_timer_keeps_its_unit() -> None:
    assert timer_text(60, 10) == "1 min of about 10 min"
