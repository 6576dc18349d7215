"""The ontology file: contract terms, labels, alignments, packaging, closed namespace."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef

from kg.namespaces import IKG, IKG_IRI

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "innokg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
PACKAGED = ROOT / "kg" / "resources" / "ontology"
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")

# the contract of shared/spec/ontology.md: these IRIs must exist and never be renamed
CONTRACT_CLASSES = [
    "Organization", "Company", "GovernmentBody", "University", "Hospital", "Lab",
    "ResearchInstitute", "Fund", "Association", "Place", "Province", "City", "District",
    "Area", "Park", "Program", "Project", "Person", "Event", "Sector", "Article", "Evidence",
]
CONTRACT_PROPERTIES = [
    "locatedIn", "partOf", "subsidiaryOf", "affiliatedWith", "establishedBy", "operatedBy",
    "investsIn", "partnerOf", "issuedBy", "worksFor", "sector", "fundSize", "investmentAmount",
    "supportAmount", "foundingDate", "mentions",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _declared(onto: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(IKG_IRI):] for k in kinds for s in onto.subjects(RDF.type, k)
            if str(s).startswith(IKG_IRI)}


def test_ontology_declares_every_contract_term(onto: Graph) -> None:
    declared = _declared(onto)
    assert set(CONTRACT_CLASSES) <= declared
    assert set(CONTRACT_PROPERTIES) <= declared
    for name in CONTRACT_CLASSES:
        assert (IKG[name], RDF.type, OWL.Class) in onto


def test_ontology_matches_closed_namespace(onto: Graph) -> None:
    namespace_terms = set(IKG.__annotations__)
    assert namespace_terms == _declared(onto)


def test_ontology_namespace_typo_raises() -> None:
    with pytest.raises(AttributeError):
        IKG.fundsize  # noqa: B018


def test_ontology_terms_have_labels_and_definitions(onto: Graph) -> None:
    for name in _declared(onto):
        term = IKG[name]
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert onto.value(term, SKOS.definition) or onto.value(term, RDFS.comment), name


def test_ontology_property_characteristics(onto: Graph) -> None:
    assert (IKG.partnerOf, RDF.type, OWL.SymmetricProperty) in onto
    assert (IKG.partOf, RDF.type, OWL.TransitiveProperty) in onto
    assert (IKG.fundSize, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#decimal")) in onto


@pytest.mark.parametrize("child, parent", [
    (IKG.Organization, ORG.Organization),
    (IKG.Organization, SCHEMA.Organization),
    (IKG.Company, SCHEMA.Corporation),
    (IKG.GovernmentBody, SCHEMA.GovernmentOrganization),
    (IKG.University, SCHEMA.CollegeOrUniversity),
    (IKG.Fund, IKG.Organization),
    (IKG.District, SCHEMA.AdministrativeArea),
    (IKG.Park, IKG.Place),
    (IKG.Program, PROV.Plan),
    (IKG.Sector, SKOS.Concept),
    (IKG.Article, SCHEMA.NewsArticle),
    (IKG.Article, PROV.Entity),
    (IKG.Evidence, RDF.Statement),
])
def test_ontology_class_alignment(onto: Graph, child: URIRef, parent: URIRef) -> None:
    assert (child, RDFS.subClassOf, parent) in onto


@pytest.mark.parametrize("prop, parent", [
    (IKG.locatedIn, SCHEMA.location),
    (IKG.partOf, SCHEMA.containedInPlace),
    (IKG.subsidiaryOf, SCHEMA.parentOrganization),
    (IKG.affiliatedWith, ORG.linkedTo),
    (IKG.establishedBy, SCHEMA.founder),
    (IKG.issuedBy, URIRef("http://purl.org/dc/terms/publisher")),
    (IKG.worksFor, SCHEMA.worksFor),
    (IKG.mentions, SCHEMA.mentions),
    (IKG.foundingDate, SCHEMA.foundingDate),
])
def test_ontology_property_alignment(onto: Graph, prop: URIRef, parent: URIRef) -> None:
    assert (prop, RDFS.subPropertyOf, parent) in onto


def test_ontology_has_no_blank_nodes(onto: Graph) -> None:
    """The ontology is merged into data graphs that are written canonically (IRIs only)."""
    assert not [t for t in onto if any(isinstance(x, BNode) for x in t)]


def test_ontology_labels_are_language_tagged(onto: Graph) -> None:
    for label in onto.objects(None, RDFS.label):
        assert isinstance(label, Literal) and label.language in {"zh", "en"}


@pytest.mark.parametrize("name", ["innokg.ttl", "shapes.ttl"])
def test_ontology_packaged_copy_is_identical(name: str) -> None:
    """ontology/ is the source of truth; kg/resources/ontology/ ships it in the package.

    After editing ontology/*.ttl run: cp ontology/*.ttl kg/resources/ontology/
    """
    assert (PACKAGED / name).read_bytes() == (ROOT / "ontology" / name).read_bytes()


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES])
def test_ontology_parses_strictly_in_pyoxigraph(path: Path) -> None:
    import pyoxigraph

    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(path, format="turtle"))
