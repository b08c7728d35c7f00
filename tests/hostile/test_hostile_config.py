"""config.toml from a dotfiles set-up, hand-edited, or replaced by something that is not a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reconnect_tui.core.config import load_config, save_settings

HAND_EDITED = """\
# Our settings. Sam wrote this; keep the comments please.
partners = ["Alex", "Sam"]   # in seat order

# the deck we like on weekdays
deck = "bedtime"
"""


def test_a_linked_config_stays_a_link_and_its_target_is_updated(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "reconnect.toml"
    real.write_text(HAND_EDITED)
    home = tmp_path / "home"
    home.mkdir()
    link = home / "config.toml"
    link.symlink_to(real)
    save_settings(link, theme="nord")
    assert link.is_symlink() and link.resolve() == real
    assert load_config(link).config.theme == "nord"
    assert [p.name for p in dotfiles.iterdir()] == ["reconnect.toml"]  # no temp file left beside it


def test_comments_and_layout_of_a_hand_edited_config_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_EDITED)
    save_settings(path, theme="nord")
    save_settings(path, deck="weekly")
    text = path.read_text()
    assert "# Our settings. Sam wrote this; keep the comments please." in text
    assert "# in seat order" in text and "# the deck we like on weekdays" in text
    assert 'deck = "weekly"' in text and 'theme = "nord"' in text
    assert load_config(path).config.partners == ("Alex", "Sam")


def test_clearing_a_setting_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_EDITED + 'theme = "nord"\n')
    save_settings(path, theme=None)
    assert "theme" not in path.read_text() and "# the deck we like on weekdays" in path.read_text()


CHILD = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from reconnect_tui.core.config import load_config
print(load_config(Path(sys.argv[1])).problems[0])
"""


def run_limited(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """In a child with 1 GB of address space and a timeout: a hang or a flood fails, not stalls."""
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)


def test_a_fifo_config_is_named_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    result = run_limited(CHILD, str(fifo))
    assert result.returncode == 0, result.stderr
    assert "FIFO" in result.stdout and "using the defaults" in result.stdout


def test_a_config_linked_to_dev_zero_is_named_without_eating_memory(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/zero")
    result = run_limited(CHILD, str(link))
    assert result.returncode == 0, result.stderr
    assert "device" in result.stdout


def test_tomlkit_is_not_imported_to_read_settings(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from reconnect_tui.core.workspace import Workspace;"
        "from reconnect_tui.core.paths import Paths;"
        f"Workspace.open(Paths.in_folder(Path({str(tmp_path)!r})));"
        "print('tomlkit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
