"""The package imports and the CLI answers --help."""

from click.testing import CliRunner

from kg.cli import main
from kg.namespaces import slug


def test_cli_help_lists_usage() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "conflict-kg" in result.output


def test_slug_is_ascii_and_deterministic() -> None:
    assert slug("Hayat Tahrir al-Sham") == "hayat-tahrir-al-sham"
    assert slug("Ma'arat al-Nu‘mān") == "maarat-al-numan"
