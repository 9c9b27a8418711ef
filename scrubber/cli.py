"""The ``scrubber`` command: clean files, explain decisions, list cleaners."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from scrubber.article import Article
from scrubber.errors import ScrubberError
from scrubber.pipeline import Judged, Scrubber
from scrubber.plugins import describe
from scrubber.sources import Format, load_bytes

F = TypeVar("F", bound=Callable[..., Any])
OUTPUT_FORMATS = ("json", "jsonl", "text", "markdown")


def _names(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def cleaner_options(command: F) -> F:
    """The options every command that scrubs shares."""
    decorators = [
        click.option("--cleaners", help="Comma-separated cleaners to run, in this order (default: all)."),
        click.option("--exclude", help="Comma-separated cleaners not to run."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="TOML configuration file."),
        click.option("--captions/--no-captions", default=None, help="Keep image captions in the body."),
        click.option("--input-format", type=click.Choice(["html", "text"]), help="Do not guess: read as this."),
        click.option("--url", help="The page's URL (for per-site rules and the article's url)."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _scrubber(cleaners: str | None, exclude: str | None, config_path: str | None, captions: bool | None) -> Scrubber:
    try:
        return Scrubber(
            cleaners=_names(cleaners), exclude=_names(exclude) or (), config=config_path, include_captions=captions
        )
    except ScrubberError as error:
        raise click.ClickException(str(error)) from error


def _read(scrubber: Scrubber, path: str, url: str | None, input_format: Format | None) -> tuple[Article, list[Judged]]:
    if path == "-":
        loaded = load_bytes(sys.stdin.buffer.read(), name="<stdin>", format=input_format,
                            max_bytes=scrubber.config.max_bytes)
        return scrubber._run(loaded, url)
    return scrubber.explain(Path(path), url=url, format=input_format)


def render(article: Article, output_format: str) -> str:
    if output_format == "json":
        return article.to_json(indent=2)
    if output_format == "jsonl":
        return article.to_json()
    if output_format == "markdown":
        return article.markdown
    return "\n\n".join(part for part in (article.title, article.text) if part)


def error_row(name: str, error: ScrubberError) -> dict[str, Any]:
    return {"input": name, "error": {"type": type(error).__name__, "message": str(error)}}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scrubber")
def main() -> None:
    """Turn news pages and text dumps into clean articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", atomic=True), default="-",
              help="Write here instead of stdout.")
@cleaner_options
def clean(paths: tuple[str, ...], output_format: str, output: Any, cleaners: str | None, exclude: str | None,
          config_path: str | None, captions: bool | None, input_format: Format | None, url: str | None) -> None:
    """Clean PATHS (files, or - for stdin) and print the articles."""
    scrubber = _scrubber(cleaners, exclude, config_path, captions)
    failures = 0
    for name, result in _each(scrubber, paths, url, input_format):
        if isinstance(result, ScrubberError):
            failures += 1
            click.echo(f"scrubber: {result}", err=True)
            if output_format == "jsonl":
                output.write(json.dumps(error_row(name, result), ensure_ascii=False) + "\n")
            continue
        text = render(result, output_format)
        output.write(text + ("\n" if output_format == "jsonl" else "\n\n" if len(paths) > 1 else "\n"))
    if failures:
        sys.exit(1)


def _each(scrubber: Scrubber, paths: tuple[str, ...], url: str | None,
          input_format: Format | None) -> Iterator[tuple[str, Article | ScrubberError]]:
    for path in paths:
        try:
            yield path, _read(scrubber, path, url, input_format)[0]
        except ScrubberError as error:
            yield path, error


@main.command()
@click.argument("path")
@click.option("--color/--no-color", default=None, help="Colour the output (default: when a terminal).")
@cleaner_options
def explain(path: str, color: bool | None, cleaners: str | None, exclude: str | None, config_path: str | None,
            captions: bool | None, input_format: Format | None, url: str | None) -> None:
    """Show every block of PATH, kept or removed, with the cleaner and the reason."""
    scrubber = _scrubber(cleaners, exclude, config_path, captions)
    try:
        article, judged = _read(scrubber, path, url, input_format)
    except ScrubberError as error:
        raise click.ClickException(str(error)) from error
    for field in ("title", "byline", "date", "language"):
        value = getattr(article, field)
        if value:
            click.secho(f"{field:>8}: {value}", bold=True, color=color)
    for removal in article.removed:
        if removal.cleaner == "dom":
            click.secho(f"  - {'dom':<12}{removal.reason}: {removal.text[:100]}", fg="red", color=color)
    for item in judged:
        text = " ".join(item.segment.text.split())
        if item.kept:
            click.secho(f"  + {item.segment.kind:<12}{text}", fg="green", color=color)
        else:
            click.secho(f"  - {item.cleaner:<12}{text}", fg="red", color=color)
            click.secho(f"      why: {item.reason}", dim=True, color=color)


@main.command(name="cleaners")
def list_cleaners() -> None:
    """List every installed cleaner, its package and what it removes."""
    for info in describe():
        detail = f"BROKEN: {info.error}" if info.error else info.description
        click.echo(f"{info.name:<14}{info.origin:<24}{detail}")
