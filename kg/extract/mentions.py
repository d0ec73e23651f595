"""Plain data produced by extraction. Offsets are character offsets into ``Article.text`` (end exclusive).

This module is the interface between the extraction stages and the RDF emitter; keep it free of logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span
    # "headline", "bullet", "heading", "body", "post" (embedded social-media post), "post-byline"
    kind: str = "body"


@dataclass(frozen=True)
class ArticleMeta:
    url: str | None = None
    headline: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO date or dateTime
    date_inferred: bool = False
    language: str = "en"


@dataclass(frozen=True)
class EntityMention:
    """An actor or place named in a sentence, linked to the gazetteer or minted from the text."""

    span: Span
    sentence: int
    iri: str  # gazetteer IRI or minted id:actor/… / id:place/… / article-scoped unnamed person
    label: str  # canonical label (gazetteer prefLabel or normalised surface form)
    kinds: tuple[str, ...]  # ckg class local names, e.g. ("JihadistGroup",) or ("City",)
    is_place: bool
    is_actor: bool
    known: bool  # True when the IRI comes from the gazetteer
    how: str = "label"  # label | alias | acronym | demonym | possessive | metonym | pattern | role
    contained_in: str | None = None  # place IRI a minted site lies in ("Aleppo's university" → Aleppo)
    of_state: str | None = None  # State IRI a minted government / armed force belongs to ("Russia's army")
    # "Iranian-backed Houthis": on the modifier's mention, (relation word, IRI of the actor it modifies),
    # e.g. ("backed", id:actor/houthis); the relation stage turns it into Backing / Membership / Leadership
    modifier_of: tuple[str, str] | None = None
    aliases: tuple[str, ...] = ()  # other written names of a minted actor ("Malian armed forces")


@dataclass(frozen=True)
class RoleMention:
    """A person described by a role: "Iran's foreign minister", "Kremlin spokesman Dmitry Peskov"."""

    span: Span
    sentence: int
    person: EntityMention  # the (possibly unnamed) person
    role_kind: str  # RoleScheme local name, e.g. "ForeignMinister", "Spokesperson", "Official"
    role_title: str  # as written
    organization: EntityMention | None


@dataclass(frozen=True)
class DateMention:
    span: Span
    sentence: int
    value: str  # lexical form: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # "day" | "month" | "year"
    relation: str = "at"  # at | since | began | until | before | after
    relative: bool = False  # resolved from "today", weekdays … against the report/post date


@dataclass(frozen=True)
class FigureMention:
    span: Span
    sentence: int
    value: int | None  # exact or approximate value
    min_value: int | None
    max_value: int | None
    qualifier: str  # Exact | AtLeast | AtMost | Approximate | Vague
    measure: str  # MeasureScheme local name: Deaths, Injuries, Casualties, Displaced, CapturedSettlements, …
    counted_group: str | None  # PopulationGroupScheme local name: Civilians, Fighters, Students, …
    unit_text: str  # counted noun as written: "towns and villages"
    subset_of: int | None = None  # index (in ArticleMentions.figures) of the figure this one is part of


@dataclass(frozen=True)
class EventMention:
    span: Span  # trigger span
    sentence: int
    event_class: str  # ckg event class local name, e.g. "Offensive", "CarBombing"
    label: str
    agents: tuple[str, ...] = ()  # entity IRIs
    targets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: DateMention | None = None
    first_since: DateMention | None = None
    parent: int | None = None  # index (in ArticleMentions.events) of the campaign this is a sub-event of
    captured: tuple[str, ...] = ()  # place / materiel IRIs
    figures: tuple[int, ...] = ()  # indexes into ArticleMentions.figures
    violated_agreement: int | None = None  # index of an Agreement event
    about: tuple[str, ...] = ()  # IRIs (actors/events) a statement is about
    quote: str | None = None
    framing: str | None = None
    attributed_to: tuple[str, ...] = ()  # actor IRIs of the speaker / reporter
    about_events: tuple[int, ...] = ()  # indexes (in ArticleMentions.events) of events a statement is about
    coreferences: tuple[Span, ...] = ()  # later trigger spans referring to the same event ("the offensive")


@dataclass(frozen=True)
class RelationMention:
    span: Span
    sentence: int
    kind: str  # Alliance | Support | Backing | Opposition | Hostility | Leadership | Membership
    from_party: str  # IRI (for Alliance: first party)
    to_party: str
    attributed_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttributionMention:
    """Who reported / confirmed / alleged / said what: a claim about events, figures or relationships."""

    span: Span
    sentence: int
    claim_class: str  # Report | Confirmation | Allegation | Quotation
    source: str  # actor IRI
    verb: str  # reporting verb as written
    events: tuple[int, ...] = ()
    figures: tuple[int, ...] = ()
    relations: tuple[int, ...] = ()
    quote: str | None = None


@dataclass(frozen=True)
class PostMention:
    """An embedded social-media post with its own author and date."""

    sentence_indexes: tuple[int, ...]
    author: EntityMention | None
    handle: str | None
    date: DateMention | None
    url: str | None = None


@dataclass
class ArticleMentions:
    text: str
    meta: ArticleMeta
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    attributions: list[AttributionMention] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    materiel: list[EntityMention] = field(default_factory=list)  # iri id:materiel/…, kinds ("Materiel",)
