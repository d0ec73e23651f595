"""``kg eval``: score the converter against gold annotations (docs/gold-format.md)."""

from __future__ import annotations

import click

from kg.cli import CliError, main
from kg.cli.options import output_option


@main.command("eval")
@click.argument("article", required=False, type=click.Path(dir_okay=False))
@click.argument("gold", required=False, type=click.Path(dir_okay=False))
@click.option("--samples", is_flag=True, help="Evaluate every samples/gold/*.yaml whose article exists.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Plain-text table or JSON (with the missed gold items and spurious facts).")
@output_option
def eval_command(article: str | None, gold: str | None, samples: bool, fmt: str, output: str) -> None:
    """Convert ARTICLE and print precision / recall / F1 per category against the GOLD file.

    \b
    Examples:
      kg eval samples/articles/hama-falls.txt samples/gold/hama-falls.yaml
      kg eval --samples --format json -o eval.json
    """
    from kg.evaluate import evaluate_article, evaluate_samples, format_json, format_table

    if samples == bool(article or gold) or (article is None) != (gold is None):
        raise CliError("give either ARTICLE and GOLD, or --samples")
    evaluations = evaluate_samples() if samples else [evaluate_article(str(article), str(gold))]
    text = format_json(evaluations) if fmt == "json" else format_table(evaluations)
    click.echo(text, file=click.open_file(output, "w", encoding="utf-8"))
