"""RDF namespaces of the InnoKG contract (``shared/spec/ontology.md``).

``IKG`` is a closed :class:`rdflib.namespace.DefinedNamespace`: every term is declared in
``ontology/innokg.ttl`` (a test checks both lists match), so a typo such as ``IKG.fundsize``
raises ``AttributeError`` instead of silently minting a new IRI.

>>> str(IKG.Fund)
'https://w3id.org/innokg/ontology#Fund'
>>> str(IKGR)
'https://w3id.org/innokg/id/'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)

IKG_IRI = "https://w3id.org/innokg/ontology#"
IKGR_IRI = "https://w3id.org/innokg/id/"

IKGR = Namespace(IKGR_IRI)
SCHEMA = SDO


class IKG(DefinedNamespace):
    """Classes and properties of the InnoKG ontology."""

    _NS = Namespace(IKG_IRI)
    _fail = True

    # classes
    Organization: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    University: URIRef
    Hospital: URIRef
    Lab: URIRef
    ResearchInstitute: URIRef
    Fund: URIRef
    Association: URIRef
    Place: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Area: URIRef
    Park: URIRef
    Program: URIRef
    Project: URIRef
    Person: URIRef
    Event: URIRef
    Sector: URIRef
    Article: URIRef
    Evidence: URIRef

    # object properties between entities
    locatedIn: URIRef
    partOf: URIRef
    subsidiaryOf: URIRef
    affiliatedWith: URIRef
    establishedBy: URIRef
    operatedBy: URIRef
    investsIn: URIRef
    partnerOf: URIRef
    issuedBy: URIRef
    worksFor: URIRef
    sector: URIRef
    mentions: URIRef

    # datatype properties of entities
    fundSize: URIRef
    investmentAmount: URIRef
    supportAmount: URIRef
    foundingDate: URIRef
    valueText: URIRef
    amountText: URIRef

    # articles
    sourceFile: URIRef
    contentHash: URIRef
    dateBasis: URIRef

    # evidence
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sourceStartOffset: URIRef
    sourceEndOffset: URIRef
    confidence: URIRef
    method: URIRef


PREFIXES: dict[str, str] = {
    "ikg": IKG_IRI,
    "ikgr": IKGR_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SDO),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
}
"""Prefixes bound in every serialized graph (order = output order)."""

__all__ = [
    "DCTERMS",
    "IKG",
    "IKGR",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
]
