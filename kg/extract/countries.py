"""Countries and capitals the gazetteer does not have, from ``data/lexicon/countries.yaml``.

Every state the gazetteer lacks becomes an extra gazetteer entry ``id:country/{slug}`` (Country, State) with
its demonym, so "Kenya", "Kenya's" and "Sudanese army" work without a gazetteer entry (mentions of it have
``known=False``); every capital it lacks becomes a City ``id:place/{slug}`` contained in its country.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.extract.lexicon import lexicon_section
from kg.gazetteer import GazetteerEntry
from kg.namespaces import ID, slug


def country_entries(existing: Sequence[GazetteerEntry]) -> list[GazetteerEntry]:
    """Entries for the countries of ``countries.yaml`` that the gazetteer does not name."""
    names = {n.lower() for e in existing for n in (e.label, *e.aliases, *e.former_names)}
    iris = {e.iri for e in existing}
    demonyms = {d for e in existing for d in e.demonyms}
    result = []
    for row in lexicon_section("countries", "countries"):
        name, written = str(row[0]), row[1]
        aliases = tuple(str(a) for a in (row[2] if len(row) > 2 else []))
        iri = str(ID[f"country/{slug(name)}"])
        if iri in iris or {name.lower(), *(a.lower() for a in aliases)} & names:
            continue
        own = tuple(
            str(d) for d in (written if isinstance(written, list) else [written]) if d not in demonyms
        )
        demonyms.update(own)
        entry = GazetteerEntry(iri, name, ("Country", "State"), aliases, own, is_place=True, is_actor=True)
        result.append(entry)
    return result + _capital_entries(existing, result)


def _capital_entries(
    existing: Sequence[GazetteerEntry], countries: list[GazetteerEntry]
) -> list[GazetteerEntry]:
    """A City for each capital of ``countries.yaml`` that the gazetteer does not name, in its country."""
    names = {n.lower() for e in existing for n in (e.label, *e.aliases, *e.metonyms)}
    states = {e.label.lower(): e.iri for e in (*existing, *countries) if "State" in e.kinds}
    result = []
    for capital, country in capital_states().items():
        state = states.get(country.lower())
        if capital.lower() in names or state is None:
            continue
        iri = str(ID[f"place/{slug(capital)}"])
        result.append(GazetteerEntry(iri, capital, ("City",), is_place=True, contained_in=(state,)))
    return result


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """id:country/{slug} IRI → name, for every country of ``countries.yaml``."""
    return {
        str(ID[f"country/{slug(str(row[0]))}"]): str(row[0])
        for row in lexicon_section("countries", "countries")
    }


@lru_cache(maxsize=1)
def capital_states() -> dict[str, str]:
    """Capital → the name of its country (``countries.yaml``, section ``capitals``)."""
    return {
        str(capital): str(country) for country, capital in lexicon_section("countries", "capitals").items()
    }
