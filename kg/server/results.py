"""SPARQL results writers (JSON, XML, CSV, TSV) for a capped list of solutions.

pyoxigraph serializes whole iterators only; the server must stop at the row cap and say so, so it
writes the four standard formats itself. Imports nothing heavy: runs inside query worker processes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_json(term: Any) -> dict[str, Any]:
    """A pyoxigraph term as a SPARQL JSON results term."""
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    if kind == "Triple":
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
        out["datatype"] = term.datatype.value
    return out


def write_json(variables: list[str], rows: list[dict[str, Any]]) -> bytes:
    doc = {"head": {"vars": variables}, "results": {"bindings": rows}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def write_xml(variables: list[str], rows: list[dict[str, Any]]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n<results>")
    for row in rows:
        out.append("<result>")
        for name, term in row.items():
            out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _xml_term(term: dict[str, Any]) -> str:
    if term["type"] == "uri":
        return f"<uri>{escape(term['value'])}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{escape(term['value'])}</bnode>"
    if term["type"] == "triple":
        parts = "".join(f"<{k}>{_xml_term(v)}</{k}>" for k, v in term["value"].items())
        return f"<triple>{parts}</triple>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif "datatype" in term:
        attrs = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attrs}>{escape(term['value'])}</literal>"


def write_csv(variables: list[str], rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(row.get(v)) for v in variables])
    return buffer.getvalue().encode("utf-8")


def _csv_value(term: dict[str, Any] | None) -> str:
    if term is None:
        return ""
    if term["type"] == "bnode":
        return "_:" + term["value"]
    return str(term["value"]) if term["type"] != "triple" else _tsv_value(term)


def write_tsv(variables: list[str], rows: list[dict[str, Any]]) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join(_tsv_value(row.get(v)) for v in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_value(term: dict[str, Any] | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return "_:" + term["value"]
    if term["type"] == "triple":
        return "<< " + " ".join(_tsv_value(t) for t in term["value"].values()) + " >>"
    text = term["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    text = text.replace("\r", "\\r").replace("\t", "\\t")
    if "xml:lang" in term:
        return f'"{text}"@{term["xml:lang"]}'
    if "datatype" in term:
        return f'"{text}"^^<{term["datatype"]}>'
    return f'"{text}"'


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n"
        ).encode()
    return json.dumps({"head": {}, "boolean": value}).encode("utf-8")


WRITERS = {"json": write_json, "xml": write_xml, "csv": write_csv, "tsv": write_tsv}
