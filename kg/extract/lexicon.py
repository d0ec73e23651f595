"""Loader for the extractor's knowledge: the YAML files in ``data/lexicon/`` (word lists, patterns, tables).

Each file is read once per process (cached). A missing or malformed file raises
:class:`kg.errors.InputError` naming the file (and line/column for YAML syntax errors).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.resources import LEXICON_DIR


@lru_cache(maxsize=64)
def lexicon(name: str) -> dict[str, Any]:
    """The parsed mapping of ``data/lexicon/{name}.yaml`` (cached; do not mutate the result)."""
    return _load(LEXICON_DIR / f"{name}.yaml")


def lexicon_section(name: str, section: str) -> Any:
    """One top-level key of a lexicon file; a missing key is an :class:`InputError` naming file and key."""
    data = lexicon(name)
    if section not in data:
        raise InputError(f"{LEXICON_DIR / f'{name}.yaml'}: missing section {section!r}")
    return data[section]


@lru_cache(maxsize=64)
def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: lexicon file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read lexicon file ({exc.__class__.__name__})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a lexicon file must be a mapping at the top level")
    return data
