"""Gold annotations: the YAML format of docs/gold-format.md, parsed with file:line error messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.namespaces import CKG, ID, slug

CATEGORIES = ("actors", "places", "events", "relationships", "figures", "attributions")
SYMMETRIC_KINDS = ("Alliance", "Hostility")

# gold field -> how its value is read: "ref" one entity, "refs" entities that must all be there,
# "term" ckg: local names (alternatives), "number", "date".
FIELDS: dict[str, dict[str, str]] = {
    "actors": {"ref": "ref"},
    "places": {"ref": "ref"},
    "events": {"type": "term", "agent": "refs", "target": "refs", "place": "refs", "captured": "refs",
               "date": "date"},
    "relationships": {"kind": "term", "from": "ref", "to": "ref"},
    "figures": {"value": "number", "min": "number", "max": "number", "number": "number", "measure": "term",
                "qualifier": "term", "group": "term"},
    "attributions": {"source": "ref", "kind": "term", "claims": "term"},
}
REQUIRED = {"events": "type", "relationships": "kind", "attributions": "source", "figures": "measure"}



@dataclass(frozen=True)
class GoldItem:
    """One fact a good converter must (or, if optional, may) produce; ``where`` is ``file:line``."""

    category: str
    fields: Mapping[str, Any]
    where: str

    def describe(self) -> str:
        return f"{self.category[:-1]} " + ", ".join(f"{k}={show(v)}" for k, v in self.fields.items())


@dataclass(frozen=True)
class Gold:
    path: Path
    article: Path | None
    required: Mapping[str, tuple[GoldItem, ...]]
    optional: Mapping[str, tuple[GoldItem, ...]]


def show(value: Any) -> str:
    if isinstance(value, tuple):
        return "|".join(show(v) for v in value)
    return str(value).replace(str(ID), "id:").replace(str(CKG), "")


def _line_index(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Map every key path of a composed YAML document to its 1-based line."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_line_index(value, (*path, key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            lines.update(_line_index(value, (*path, i)))
    return lines


def load_gold(path: str | Path) -> Gold:
    """Read a gold YAML file; bad content raises :class:`InputError` naming file, line and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        node = yaml.compose(text)
        lines = _line_index(node) if node is not None else {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None

    def fail(key: tuple[Any, ...], message: str) -> InputError:
        line = next((lines[key[:n]] for n in range(len(key), -1, -1) if key[:n] in lines), 1)
        return InputError(f"{path}:{line}: {'.'.join(map(str, key)) or 'document'}: {message}")

    if not isinstance(data, dict):
        raise fail((), "expected a mapping with the categories " + ", ".join(CATEGORIES))
    unknown = set(data) - {*CATEGORIES, "article", "optional", "notes"}
    if unknown:
        raise fail((sorted(unknown)[0],), "unknown key; expected article, optional, notes or a category")
    optional = data.get("optional") or {}
    if not isinstance(optional, dict) or set(optional) - set(CATEGORIES):
        raise fail(("optional",), "expected a mapping of categories")
    article = data.get("article")
    return Gold(
        path=path,
        article=(path.parent / str(article)).resolve() if article else None,
        required={c: _items(data.get(c), (c,), path, lines, fail) for c in CATEGORIES},
        optional={c: _items(optional.get(c), ("optional", c), path, lines, fail) for c in CATEGORIES},
    )


def _items(raw: Any, key: tuple[Any, ...], path: Path, lines: dict[tuple[Any, ...], int],
           fail: Callable[[tuple[Any, ...], str], InputError]) -> tuple[GoldItem, ...]:
    category = key[-1]
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise fail(key, "expected a list")
    items = []
    for i, entry in enumerate(raw):
        where = f"{path}:{lines.get((*key, i), 1)}"
        if category in ("actors", "places") and isinstance(entry, str | int):
            entry = {"ref": entry}
        if not isinstance(entry, dict):
            raise fail((*key, i), "expected a mapping of fields")
        fields = {}
        for name, value in entry.items():
            kind = FIELDS[category].get(str(name))
            if kind is None:
                allowed = ", ".join(FIELDS[category])
                raise fail((*key, i, name), f"unknown field for {category}; expected one of {allowed}")
            try:
                fields[str(name)] = _parse_field(kind, value)
            except ValueError as exc:
                raise fail((*key, i, name), str(exc)) from None
        needed = REQUIRED.get(category, "ref" if category in ("actors", "places") else "")
        if needed and needed not in fields:
            raise fail((*key, i), f"missing field {needed!r}")
        items.append(GoldItem(category, fields, where))
    return tuple(items)


def _parse_field(kind: str, value: Any) -> Any:
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {value!r}")
        return Decimal(str(value))
    if kind == "date":
        return str(value)
    if kind == "refs":
        values = value if isinstance(value, list) else [value]
        return tuple(_parse_ref(v) for v in values)
    if kind == "term":
        names = _alternatives(value)
        bad = [n for n in names if not n.isidentifier()]
        if bad:
            raise ValueError(f"expected a ckg: local name such as Offensive, got {bad[0]!r}")
        return tuple(str(CKG[n.removeprefix("ckg:")]) for n in names)
    return _parse_ref(value)


def _alternatives(value: Any) -> list[str]:
    if not isinstance(value, str | int) or not str(value).strip():
        raise ValueError(f"expected a non-empty string, got {value!r}")
    return [part.strip().removeprefix("ckg:") for part in str(value).split("|") if part.strip()]


def _parse_ref(value: Any) -> tuple[str, ...]:
    """An entity reference: ``id:…`` / full IRI, or a label; ``a | b`` lists alternatives."""
    refs = []
    for part in _alternatives(value):
        if part.startswith("id:"):
            refs.append(str(ID) + part[3:])
        elif part.startswith(("http://", "https://")):
            refs.append(part)
        else:
            refs.append("label:" + slug(part))
    return tuple(refs)


