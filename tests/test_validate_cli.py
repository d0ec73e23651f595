"""``kg validate``: a SHACL report people can read (or RDF), exit 0 conforms / 1 violations / 2 error.

The graphs come from ``tests/shapes_examples``: the prelude (a small invented article) plus one example.
Here no extra class hierarchy is passed: the ontology on disk has to supply it, as it does for users.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph

from kg.cli import main
from kg.errors import FormatError, InputError
from kg.namespaces import SH
from kg.validate import validate_files

EXAMPLES = Path(__file__).parent / "shapes_examples"
PRELUDE = (EXAMPLES / "_prelude.ttl").read_text(encoding="utf-8")
ARTICLE_GRAPH = "https://w3id.org/conflict-kg/graph/article/"


def example_text(name: str) -> str:
    return PRELUDE + "\n" + (EXAMPLES / name).read_text(encoding="utf-8")


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.ttl"
    path.write_text(example_text("ok-figures.ttl"), encoding="utf-8")
    return path


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.ttl"
    path.write_text(example_text("bad-figure-qualifier.ttl"), encoding="utf-8")
    return path


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args], input=stdin)
    return result.exit_code, result.output


# --- reports -----------------------------------------------------------------------------------------


def test_a_conforming_file_exits_0(good_file: Path) -> None:
    code, out = run(str(good_file))
    assert (code, out) == (0, "Conforms: yes (0 violations)\n")


def test_violations_exit_1_with_focus_path_message_and_sentence(bad_file: Path) -> None:
    code, out = run(str(bad_file))
    assert code == 1
    assert out.startswith("Conforms: no (3 violations)\n")
    assert (
        "Violation: id:article/ex1/figure/1-5\n"
        "  path:     ckg:qualifier\n"
        "  message:  Figure has no qualifier (exact, at least, at most, approximate, vague)\n"
        '  sentence: "At least 12 people were killed, including three children, '
        'and about 2,000 families fled."\n'
    ) in out


def test_report_as_turtle_is_a_shacl_report(bad_file: Path) -> None:
    code, out = run(str(bad_file), "--format", "ttl")
    assert code == 1
    report = Graph().parse(data=out, format="turtle")
    assert len(list(report.subjects(RDF.type, SH.ValidationResult))) == 3
    assert "@prefix schema: <http://schema.org/>" in out or "schema:" not in out


def test_stdin_is_read_with_a_dash() -> None:
    assert run("-", stdin=example_text("ok-events.ttl"))[0] == 0
    assert run("-", stdin=example_text("bad-capture.ttl"))[0] == 1


def test_several_files_are_validated_as_one_graph(tmp_path: Path) -> None:
    prelude = tmp_path / "prelude.ttl"
    prelude.write_text(PRELUDE, encoding="utf-8")
    figures = tmp_path / "figures.ttl"
    figures.write_text(PRELUDE.split("id:article\\/ex1 a", 1)[0] + (EXAMPLES / "ok-figures.ttl").read_text())
    assert run(str(prelude), str(figures))[0] == 0


def test_n_triples_input_is_recognised_by_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "good.nt"
    graph = Graph().parse(data=example_text("ok-claims-posts.ttl"), format="turtle")
    path.write_text(graph.serialize(format="nt"))
    assert run(str(path))[0] == 0


def test_warnings_are_shown_but_do_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "capture.ttl"
    path.write_text(
        PRELUDE + '\nex:event\\/0-9 a ckg:TerritoryCapture ; ckg:eventType ckg:TerritoryCapture ; '
        'rdfs:label "Capture" ; prov:wasDerivedFrom ex:sentence\\/0 .\n'
    )
    code, out = run(str(path))
    assert code == 0
    assert out.startswith("Conforms: yes (1 warning)\n")
    assert "Warning: id:article/ex1/event/0-9" in out
    assert "Capture has no ckg:captured" in out


# --- the store ---------------------------------------------------------------------------------------


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    from kg.store import KgStore

    path = tmp_path / "store"
    with KgStore(path) as store:
        store.replace_graphs(
            {
                ARTICLE_GRAPH + "good": Graph().parse(data=example_text("ok-events.ttl"), format="turtle"),
                ARTICLE_GRAPH + "bad": Graph().parse(data=example_text("bad-grounding.ttl"), format="turtle"),
            }
        )
    return path


def test_store_mode_validates_every_article_graph(store_dir: Path) -> None:
    code, out = run("--store", str(store_dir))
    assert code == 1
    assert out.startswith("Conforms: no (2 violations)")
    assert "id:article/ex1/figure/9-0" in out


def test_store_mode_can_check_one_graph(store_dir: Path) -> None:
    code, out = run("--store", str(store_dir), "--graph", ARTICLE_GRAPH + "good")
    assert (code, out) == (0, "Conforms: yes (0 violations)\n")


def test_store_mode_report_as_rdf_has_one_report_node(store_dir: Path) -> None:
    code, out = run("--store", str(store_dir), "--format", "ttl")
    report = Graph().parse(data=out, format="turtle")
    assert code == 1
    assert len(list(report.subjects(RDF.type, SH.ValidationReport))) == 1
    assert len(list(report.objects(None, SH.result))) == 2


# --- errors: one line, exit 2 ------------------------------------------------------------------------


def error_of(*args: str, stdin: str | None = None) -> str:
    code, out = run(*args, stdin=stdin)
    assert code == 2, out
    assert out.startswith("Error: ") and out.count("\n") == 1, out
    return out


def test_malformed_turtle_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n')
    assert f"{path}:3:" in error_of(str(path))


def test_malformed_n_triples_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.nt"
    path.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> c .\n")
    assert f"{path}:2:" in error_of(str(path))


def test_missing_file_empty_file_and_missing_store(tmp_path: Path) -> None:
    assert "no such file" in error_of(str(tmp_path / "absent.ttl"))
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\n")
    assert "no RDF triples" in error_of(str(empty))
    assert "no store" in error_of("--store", str(tmp_path / "no-store"))


def test_unknown_formats(good_file: Path) -> None:
    assert "unknown format 'pdf'" in error_of(str(good_file), "--format", "pdf")
    assert "unknown format 'xyz'" in error_of(str(good_file), "--input-format", "xyz")


def test_library_raises_kg_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<http://a> <http://b> .\n")
    with pytest.raises(InputError, match=r"broken\.ttl:1:"):
        validate_files([path])
    with pytest.raises(FormatError):
        validate_files([path], fmt="no-such-format")


def test_help_has_an_example() -> None:
    code, out = run("--help")
    assert code == 0 and "Example:" in out and "kg validate" in out
