"""RDF emitter: :class:`ArticleMentions` → an ``rdflib.Graph`` exactly as docs/model.md describes.

Every node is minted deterministically from the article key and sentence positions: the article, its
sentences (with a TextQuoteSelector and a TextPositionSelector each), mentions of actors, places, event
triggers and figures, and the events, figures, relationships (n-ary node plus binary shortcut), role
holdings, claims and embedded posts — each with ``prov:wasDerivedFrom`` its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.extract.countries import country_names
from kg.extract.mentions import ArticleMentions, DateMention, EntityMention, Span
from kg.extract.relation_times import relation_valid_times
from kg.gazetteer import GazetteerEntry, gazetteer_index
from kg.namespaces import CKG, ID, OA, PREFIXES, PROV, SCHEMA, slug

_SHORTCUTS = {
    "Alliance": "alliedWith",
    "Support": "supports",
    "Backing": "backs",
    "Opposition": "opposes",
    "Hostility": "inConflictWith",
    "Leadership": "leads",
    "Membership": "memberOf",
}
_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_LEXICAL_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}  # by length: 2023-04-15, 2023-04, 2023


def emit(mentions: ArticleMentions, *, key: str) -> Graph:
    """The article graph of ``mentions`` (``key``: the article key of docs/model.md)."""
    return _Emitter(mentions, key).run()


class _Emitter:
    def __init__(self, mentions: ArticleMentions, key: str) -> None:
        self.m, self.key = mentions, key
        self.sentence_starts = [s.span.start for s in mentions.sentences]
        self.graph = Graph(store="SimpleMemory")  # triples only, no context index: half the cost per add
        for prefix, iri in PREFIXES.items():
            self.graph.bind(prefix, iri)
        self.article = URIRef(f"{ID}article/{key}")
        self.events = self._numbered("event", [(e.sentence, e.span) for e in mentions.events])
        self.figures = self._numbered("figure", [(f.sentence, f.span) for f in mentions.figures])
        self.relations = self._numbered("relationship", [(r.sentence, r.span) for r in mentions.relations])
        self.claims = self._numbered("claim", [(a.sentence, a.span) for a in mentions.attributions])
        self.roles = self._numbered("role", [(r.sentence, r.span) for r in mentions.roles])
        self.posts = self._numbered("post", [(p.sentence_indexes[0], Span(0, 0, "")) for p in mentions.posts])
        self.known: dict[str, GazetteerEntry] | None = None  # the gazetteer by IRI, read at the first name

    def _numbered(self, kind: str, places: Sequence[tuple[int, Span]]) -> list[URIRef]:
        """``id:article/{key}/{kind}/{sentence}-{k}``, k = order in the sentence (by span, list order)."""
        order = sorted(
            range(len(places)), key=lambda i: (places[i][0], places[i][1].start, places[i][1].end, i)
        )
        iris: list[URIRef] = [URIRef("")] * len(places)
        counters: dict[int, int] = {}
        for i in order:
            sentence = places[i][0]
            k = counters.get(sentence, 0)
            counters[sentence] = k + 1
            iris[i] = URIRef(f"{ID}article/{self.key}/{kind}/{sentence}-{k}")
        return iris

    def add(self, subject: URIRef | BNode, predicate: URIRef, obj: Any) -> None:
        if obj is None:
            return
        self.graph.add(
            (subject, predicate, obj if isinstance(obj, URIRef | BNode | Literal) else Literal(obj))
        )

    def name(self, iri: str, text: str) -> Literal:
        """The rdfs:label literal of ``iri``: the gazetteer's own (same language tag) when ``text`` is its
        label, so a known entity is not named twice ("Aleppo"@en there, "Aleppo" here)."""
        if self.known is None:
            self.known = {entry.iri: entry for entry in gazetteer_index()}
        entry = self.known.get(iri)
        return Literal(text, lang=entry.label_language if entry is not None and entry.label == text else None)

    def sentence(self, index: int) -> URIRef:
        return URIRef(f"{ID}article/{self.key}/sentence/{index}")

    def run(self) -> Graph:
        self._article()
        self._sentences()
        self._entities()
        self._roles()
        self._figures()
        self._events()
        self._relations()
        self._claims()
        self._posts()
        return self.graph

    def _article(self) -> None:
        meta, a = self.m.meta, self.article
        self.add(a, RDF.type, SCHEMA.NewsArticle)
        self.add(a, SCHEMA.text, Literal(self.m.text))
        self.add(a, SCHEMA.inLanguage, Literal(meta.language))
        self.add(a, SCHEMA.headline, Literal(meta.headline) if meta.headline else None)
        if meta.url:
            self.add(a, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI))
        if meta.date:
            kind = XSD.dateTime if "T" in meta.date else XSD.date
            self.add(a, SCHEMA.datePublished, Literal(meta.date, datatype=kind))
            if meta.date_inferred:
                self.add(a, CKG.datePublishedInferred, Literal(True))
        if meta.publisher:
            publisher = URIRef(f"{ID}actor/{slug(meta.publisher)}")
            self.add(a, SCHEMA.publisher, publisher)
            self.add(publisher, RDF.type, CKG.MediaOutlet)
            self.add(publisher, RDFS.label, Literal(meta.publisher))

    def _sentences(self) -> None:
        for s in self.m.sentences:
            node = self.sentence(s.index)
            self.add(node, RDF.type, CKG.Sentence)
            self.add(node, CKG.sentenceIndex, Literal(s.index, datatype=XSD.nonNegativeInteger))
            self._selectors(node, s.span)

    def _selectors(self, node: URIRef, span: Span) -> None:
        quote, position = URIRef(f"{node}/quote"), URIRef(f"{node}/position")
        self.add(node, OA.hasSource, self.article)
        self.add(node, OA.hasSelector, quote)
        self.add(node, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.text))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger))

    def mention(self, span: Span, sentence: int, denotes: URIRef) -> None:
        node = URIRef(f"{ID}article/{self.key}/mention/{span.start}-{span.end}")
        self.add(node, RDF.type, CKG.Mention)
        self.add(node, CKG.inSentence, self.sentence(sentence))
        self.add(node, CKG.denotes, denotes)
        self._selectors(node, span)

    def derived(self, node: URIRef, sentence: int) -> None:
        self.add(node, PROV.wasDerivedFrom, self.sentence(sentence))

    def _entities(self) -> None:
        for entity in [*self.m.entities, *self.m.materiel]:
            self._entity(entity)

    def _entity(self, entity: EntityMention) -> None:
        node = URIRef(entity.iri)
        for kind in entity.kinds:
            self.add(node, RDF.type, CKG[kind])
        self.add(node, RDFS.label, self.name(entity.iri, entity.label))
        if not entity.known:
            self.add(node, SKOS.prefLabel, Literal(entity.label))
            written = re.sub(r"^(?:the|a|an)\s+", "", entity.span.text, flags=re.IGNORECASE)
            if entity.how != "coreference" and written.lower() != entity.label.lower():
                self.add(node, SKOS.altLabel, Literal(written))  # "Malian troops" for id:actor/malian-forces
            for alias in entity.aliases:
                self.add(node, SKOS.altLabel, Literal(alias))
            self._containers(node, entity)
        if entity.is_place and not entity.is_actor and entity.iri.startswith(f"{ID}article/"):
            # an unnamed set of places ("over 50 towns and villages"): described by its figure, not named
            self.derived(node, entity.sentence)
            return
        self.mention(entity.span, entity.sentence, node)

    def _containers(self, node: URIRef, entity: EntityMention) -> None:
        """A minted place's ckg:containedIn, a minted government's or armed force's state."""
        if entity.contained_in and entity.is_place:
            self.add(node, CKG.containedIn, URIRef(entity.contained_in))
            self._country(entity.contained_in)
        if entity.of_state:
            self._country(entity.of_state)
        if entity.of_state and "Government" in entity.kinds:
            self.add(node, CKG.governmentOf, URIRef(entity.of_state))
        elif entity.of_state and "StateArmedForce" in entity.kinds:
            self.add(node, CKG.armedForceOf, URIRef(entity.of_state))

    def _country(self, iri: str) -> None:
        """A country of the country list that a node points to, named even when the text does not name it."""
        name = country_names().get(iri)
        if name is not None:
            for kind in (CKG.Country, CKG.State):
                self.add(URIRef(iri), RDF.type, kind)
            self.add(URIRef(iri), RDFS.label, self.name(iri, name))

    def _roles(self) -> None:
        for role, node in zip(self.m.roles, self.roles, strict=True):
            person = URIRef(role.person.iri)
            self._entity_types(role.person)
            self.add(node, RDF.type, CKG.RoleHolding)
            self.add(node, CKG.holder, person)
            self.add(node, CKG.roleKind, CKG[role.role_kind])
            self.add(node, CKG.roleTitle, Literal(role.role_title))
            self.derived(node, role.sentence)
            self.mention(role.span, role.sentence, person)
            if role.organization is not None:
                org = URIRef(role.organization.iri)
                self.add(node, CKG.inOrganization, org)
                self.add(person, CKG.roleIn, org)
                if role.role_kind == "Spokesperson":
                    self.add(person, CKG.spokespersonOf, org)

    def _entity_types(self, entity: EntityMention) -> None:
        node = URIRef(entity.iri)
        for kind in entity.kinds:
            self.add(node, RDF.type, CKG[kind])
        self.add(node, RDFS.label, self.name(entity.iri, entity.label))

    def _figures(self) -> None:
        events_of = {f: self.events[i] for i, e in enumerate(self.m.events) for f in e.figures}
        for index, (figure, node) in enumerate(zip(self.m.figures, self.figures, strict=True)):
            self.add(node, RDF.type, CKG.Figure)
            for predicate, value in (
                (SCHEMA.value, figure.value),
                (SCHEMA.minValue, figure.min_value),
                (SCHEMA.maxValue, figure.max_value),
            ):
                if value is not None:
                    self.add(node, predicate, Literal(value, datatype=XSD.integer))
            self.add(node, CKG.qualifier, CKG[figure.qualifier])
            self.add(node, CKG.measure, CKG[figure.measure])
            self.add(node, CKG.countedGroup, CKG[figure.counted_group] if figure.counted_group else None)
            self.add(node, SCHEMA.unitText, Literal(figure.unit_text))
            self.add(node, CKG.figureOf, events_of.get(index))
            if figure.subset_of is not None:
                self.add(node, CKG.subsetOf, self.figures[figure.subset_of])
            self.derived(node, figure.sentence)
            self.mention(figure.span, figure.sentence, node)

    def _events(self) -> None:
        for event, node in zip(self.m.events, self.events, strict=True):
            self.add(node, RDF.type, CKG[event.event_class])
            self.add(node, CKG.eventType, CKG[event.event_class])
            self.add(node, RDFS.label, Literal(event.label))
            self._links(node, CKG.agent, event.agents)
            self._links(node, CKG.target, event.targets)
            self._links(node, CKG.place, event.places)
            self._links(node, CKG.captured, event.captured)
            self._links(node, CKG.about, [*event.about, *(str(self.events[i]) for i in event.about_events)])
            self._links(node, PROV.wasAttributedTo, event.attributed_to)
            self._date(node, event.date, CKG.date)
            self._date(node, event.first_since, CKG.firstSince)
            if event.parent is not None:
                self.add(node, CKG.subEventOf, self.events[event.parent])
            if event.violated_agreement is not None:
                self.add(node, CKG.violatedAgreement, self.events[event.violated_agreement])
            self.add(node, CKG.quote, Literal(event.quote) if event.quote else None)
            self.add(node, CKG.framing, Literal(event.framing) if event.framing else None)
            self.derived(node, event.sentence)
            self.mention(event.span, event.sentence, node)
            for span in event.coreferences:
                self.mention(span, self._sentence_of(span), node)

    def _sentence_of(self, span: Span) -> int:
        """The sentence holding SPAN's start (sentences are in text order and do not overlap)."""
        sentences = self.m.sentences
        position = bisect_right(self.sentence_starts, span.start) - 1
        if position >= 0 and span.start < sentences[position].span.end:
            return sentences[position].index
        return next(s.index for s in sentences if s.span.start <= span.start < s.span.end)

    def _links(self, node: URIRef, predicate: URIRef, iris: Iterable[str]) -> None:
        for iri in iris:
            self.add(node, predicate, URIRef(iri))

    def _date(self, node: URIRef, date: DateMention | None, predicate: URIRef) -> None:
        if date is None:
            return
        self.add(node, predicate, Literal(date.value, datatype=_DATE_TYPES[date.precision]))
        if predicate == CKG.date:
            self.add(node, CKG.dateExpression, Literal(date.span.text))

    def _relations(self) -> None:
        times = relation_valid_times(self.m)
        for relation, node, time in zip(self.m.relations, self.relations, times, strict=True):
            source, target = URIRef(relation.from_party), URIRef(relation.to_party)
            self.add(node, RDF.type, CKG[relation.kind])
            self.add(node, CKG.party, source)
            self.add(node, CKG.party, target)
            if relation.kind != "Alliance":
                self.add(node, CKG.fromParty, source)
                self.add(node, CKG.toParty, target)
            self.add(source, CKG[_SHORTCUTS[relation.kind]], target)
            self._links(node, PROV.wasAttributedTo, relation.attributed_to)
            self._lexical_date(node, CKG.validFrom, time.valid_from)
            self._lexical_date(node, CKG.validUntil, time.valid_until)
            self.derived(node, relation.sentence)

    def _lexical_date(self, node: URIRef, predicate: URIRef, value: str | None) -> None:
        if value is not None and len(value) in _LEXICAL_DATE_TYPES:
            self.add(node, predicate, Literal(value, datatype=_LEXICAL_DATE_TYPES[len(value)]))

    def _claims(self) -> None:
        for claim, node in zip(self.m.attributions, self.claims, strict=True):
            source = URIRef(claim.source)
            self.add(node, RDF.type, CKG[claim.claim_class])
            self.add(node, PROV.wasAttributedTo, source)
            self.add(node, CKG.reportingVerb, Literal(claim.verb))
            self.add(node, CKG.quote, Literal(claim.quote) if claim.quote else None)
            for index in claim.events:
                self.add(node, CKG.claims, self.events[index])
            for index in claim.relations:
                self.add(node, CKG.claims, self.relations[index])
            for index in claim.figures:
                self.add(node, CKG.claims, self.figures[index])
                self.add(self.figures[index], PROV.wasAttributedTo, source)
            self.derived(node, claim.sentence)

    def _posts(self) -> None:
        for post, node in zip(self.m.posts, self.posts, strict=True):
            self.add(node, RDF.type, CKG.SocialMediaPost)
            self.add(node, CKG.embeddedIn, self.article)
            if post.author is not None:
                self.add(node, SCHEMA.author, URIRef(post.author.iri))
                self.add(URIRef(post.author.iri), CKG.handle, Literal(post.handle) if post.handle else None)
            self.add(node, CKG.handle, Literal(post.handle) if post.handle else None)
            if post.url:
                self.add(node, SCHEMA.url, Literal(post.url, datatype=XSD.anyURI))
            if post.date is not None:
                self.add(
                    node,
                    SCHEMA.datePublished,
                    Literal(post.date.value, datatype=_DATE_TYPES[post.date.precision]),
                )
            self.derived(node, post.sentence_indexes[0])
