"""Every shape, with one conforming and one violating example.

Each example is a small Turtle snippet added to ``tests/shapes/prelude.ttl``
(a graph that conforms to every shape) and to the ontology (for the class
hierarchy).  A conforming snippet adds no result at all; a violating one adds
results from its shape only, with the expected message on the expected node.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from graph.entailment import materialise
from graph.errors import MrkgError
from graph.validate import validate
from graph.vocab import MRKG, NIF
from synthetic import synthetic_dataset, union_graph

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "shapes"
ONTOLOGY = ROOT / "ontology" / "mrkg.ttl"
PRELUDE = Path(__file__).resolve().parent / "prelude.ttl"
ID = "https://w3id.org/mrkg/id/"

HEADER = """
@base <https://w3id.org/mrkg/id/> .
@prefix mrkg:    <https://w3id.org/mrkg/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix cito:    <http://purl.org/spar/cito/> .
@prefix nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
"""

# Passages of the prelude's summary record, reused by statement examples.
PARA_1 = """nif:beginIndex 0 ; nif:endIndex 74 ; nif:referenceContext <document/sr506> ;
    nif:anchorOf "1.\\tThe Chair opened the meeting and recalled article 22 of the Convention." """
COMMENT_1 = """nif:beginIndex 80 ; nif:endIndex 132 ; nif:referenceContext <document/imrf> ;
    nif:anchorOf "Jane Doe, 3 May 2022: We support the Global Compact." """
# A topic of the scheme, and the words of para. 1 ("meeting", 24-31) that tag it (issue 13, point 4).
TOPIC = """<topic/detention> a skos:Concept ; skos:inScheme <topic/> ; skos:topConceptOf <topic/> ;
    rdfs:label "Detention"@en ; skos:prefLabel "Detention"@en , "Rétention"@fr , "Detención de migrantes"@es ;
    mrkg:governedBy <instrument/icrmw/article/22> .
"""
MATCH = """<statement/sr506/1/topic/detention/24-31> a mrkg:TopicMatch ; rdfs:label "“meeting”"@en ;
    mrkg:taggedStatement <statement/sr506/1> ; mrkg:topic <topic/detention> ; mrkg:matchMethod mrkg:LexicalLabelMatch ;
    nif:beginIndex 24 ; nif:endIndex 31 ; nif:anchorOf "meeting" ; nif:referenceContext <document/sr506> .
"""


@dataclass(frozen=True)
class Case:
    shape: str  # local name in the shapes namespace
    good: str
    bad: str
    focus: str  # IRI (relative to id:) of the node the violation is about
    message: str  # a fragment of the expected message
    severity: str = "Violation"


TRANSLATION = ('<statement/sr506/1> mrkg:translation <statement/sr506/1/translation/fr> . '
               '<statement/sr506/1/translation/fr> a mrkg:Translation ; rdfs:label "para. 1, in French"@en ; '
               'mrkg:translatedText "La Présidente déclare la séance ouverte."@fr ; dcterms:language "fr" ; '
               'nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; '
               'nif:referenceContext <document/sr506> .')


CASES = [
    Case(
        "InferredLinkShape",
        good='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        bad='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 1.5 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        focus="statement/sr506/1/discusses/instrument/gcm/objective/13",
        message='exactly one mrkg:confidence, an xsd:decimal from 0 to 1',
    ),
    Case(
        "InferredLinkShape",
        good='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        bad='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        focus="statement/sr506/1/discusses/instrument/gcm/objective/13",
        message="not mirrored by its statement's mrkg:discusses",
    ),
    Case(
        "EvidenceShape",
        good='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        bad='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "abstract" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        focus="statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12",
        message='mrkg:matchedField',
    ),
    Case(
        "InferenceMethodShape",
        good='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 0.4 .',
        bad='<statement/sr506/1/discusses/instrument/gcm/objective/13> a mrkg:InferredLink ; rdfs:label "Discusses objective 13 (inferred)"@en ; mrkg:linkedStatement <statement/sr506/1> ; mrkg:linkedProvision <instrument/gcm/objective/13> ; mrkg:confidence 0.62 ; mrkg:inferenceMethod <method/term-coverage-1> ; mrkg:evidence <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> . <statement/sr506/1/discusses/instrument/gcm/objective/13/evidence/3-12> a mrkg:Evidence ; rdfs:label "evidence"@en ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> ; nif:superString <statement/sr506/1> ; mrkg:matchedField "title" ; mrkg:matchedWords "chair" . <statement/sr506/1> mrkg:discusses <instrument/gcm/objective/13> . <method/term-coverage-1> a mrkg:InferenceMethod ; rdfs:label "term coverage"@en ; mrkg:threshold 2.0 .',
        focus="method/term-coverage-1",
        message='mrkg:threshold, an xsd:decimal from 0 to 1',
    ),
    Case(
        "InstrumentShape",
        good='<instrument/ilo-c143> a mrkg:Instrument ; skos:notation "ILO-C143" ; rdfs:label "Migrant Workers (Supplementary Provisions) Convention, 1975"@en ; mrkg:instrumentKind mrkg:ILOConvention .',
        bad='<instrument/ilo-c143> a mrkg:Instrument ; skos:notation "ilo c143" ; rdfs:label "C143"@en ; mrkg:instrumentKind mrkg:ILOConvention .',
        focus="instrument/ilo-c143",
        message="exactly one skos:notation",
    ),
    Case(
        "InstrumentShape",
        good='<instrument/icrmw> mrkg:entryIntoForce "2003-07-01"^^xsd:date .',
        bad='<instrument/gcm-copy> a mrkg:Instrument ; skos:notation "GCM" ; rdfs:label "A second GCM"@en ; mrkg:instrumentKind mrkg:NonBindingCompact .',
        focus="instrument/gcm-copy",
        message="Two instruments share the code GCM",
    ),
    Case(
        "ProvisionShape",
        good='<instrument/gcm/guiding-principle/b> a mrkg:GuidingPrinciple ; mrkg:number "15(b)" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "International cooperation"@en .',
        bad='<instrument/gcm/guiding-principle/b> a mrkg:GuidingPrinciple ; mrkg:number "International cooperation" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "International cooperation"@en .',
        focus="instrument/gcm/guiding-principle/b",
        message="exactly one mrkg:number, as printed",
    ),
    Case(
        "ProvisionTextShape",
        good='<instrument/icrmw/article/24> a mrkg:Article ; mrkg:number "24" ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 24 of the ICRMW"@en ; mrkg:provisionText "Every migrant worker and every member of his or her family shall have the right to recognition everywhere as a person before the law."@en ; dcterms:source <https://www.ohchr.org/en/instruments-mechanisms/instruments/international-convention-protection-rights-all-migrant-workers> .',
        bad='<instrument/icrmw/article/24> a mrkg:Article ; mrkg:number "24" ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 24 of the ICRMW"@en ; mrkg:provisionText "Every migrant worker and every member of his or her family shall have the right to recognition everywhere as a person before the law."@en .',
        focus="instrument/icrmw/article/24",
        message="names the official text they are taken from",
    ),
    Case(
        "ProvisionTextShape",
        good='<instrument/icrmw/article/24> a mrkg:Article ; mrkg:number "24" ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 24 of the ICRMW"@en ; mrkg:provisionText "Every migrant worker shall have the right to recognition."@en ; dcterms:source <https://www.ohchr.org/> .',
        bad='<instrument/icrmw/article/24> a mrkg:Article ; mrkg:number "24" ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 24 of the ICRMW"@en ; mrkg:provisionText "Every migrant worker shall have the right to recognition." ; dcterms:source <https://www.ohchr.org/> .',
        focus="instrument/icrmw/article/24",
        message="language-tagged text",
    ),
    Case(
        "ProvisionShape",
        good='<instrument/gcm/objective/8> a mrkg:Objective ; mrkg:number "8" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Objective 8 of the GCM"@en .',
        bad='<instrument/gcm/objective/8> a mrkg:Objective ; mrkg:number "8" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Objective 8 of the GCM"@en .',
        focus="instrument/gcm/objective/8",
        message="is not the instrument of what it is part of",
    ),
    Case(
        "ProvisionShape",
        good='<instrument/icrmw/preamble> a mrkg:Preamble ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Preamble of the ICRMW"@en .',
        bad='<instrument/icrmw/article/24> a mrkg:Article ; mrkg:partOf <instrument/icrmw/part/3> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 24"@en .',
        focus="instrument/icrmw/article/24",
        message="only a preamble has none",
    ),
    Case(
        "PreambleShape",
        good='<instrument/gcm/preamble> a mrkg:Preamble ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Preamble of the GCM"@en .',
        bad='<instrument/gcm/preamble> a mrkg:Preamble ; mrkg:number "1" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Preamble of the GCM"@en .',
        focus="instrument/gcm/preamble",
        message="A preamble has no number",
    ),
    Case(
        "AnnexShape",
        good='<instrument/gcm/annex/1> a mrkg:Annex ; mrkg:number "I" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Annex I"@en .',
        bad='<instrument/gcm/annex/1> a mrkg:Annex ; mrkg:number "1a" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Annex I"@en .',
        focus="instrument/gcm/annex/1",
        message="An annex is numbered by a Roman or Arabic numeral",
    ),
    Case(
        "IndicatorShape",
        good='<instrument/agenda-2030/target/10.7> a mrkg:Target ; mrkg:number "10.7" ; mrkg:partOf <instrument/agenda-2030/goal/10> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Target 10.7"@en . '
        '<instrument/agenda-2030/indicator/10.7.1> a mrkg:Indicator ; mrkg:number "10.7.1" ; mrkg:partOf <instrument/agenda-2030/target/10.7> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Indicator 10.7.1"@en .',
        bad='<instrument/agenda-2030/target/10.7> a mrkg:Target ; mrkg:number "10.7" ; mrkg:partOf <instrument/agenda-2030/goal/10> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Target 10.7"@en . '
        '<instrument/agenda-2030/indicator/10.7.1> a mrkg:Indicator ; mrkg:number "10.7" ; mrkg:partOf <instrument/agenda-2030/target/10.7> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Indicator 10.7.1"@en .',
        focus="instrument/agenda-2030/indicator/10.7.1",
        message="An indicator is numbered goal.target.indicator",
    ),
    Case(
        "PartShape",
        good='<instrument/icrmw/part/4> a mrkg:Part ; mrkg:number "IV" ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Part IV of the ICRMW"@en .',
        bad='<instrument/icrmw/part/4> a mrkg:Part ; mrkg:number "4a" ; mrkg:partOf <instrument/icrmw> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Part IV of the ICRMW"@en .',
        focus="instrument/icrmw/part/4",
        message="Roman or Arabic numeral",
    ),
    Case(
        "ArticleShape",
        good='<instrument/icrmw/article/22bis> a mrkg:Article ; mrkg:number "22bis" ; mrkg:partOf <instrument/icrmw/part/3> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 22bis"@en .',
        bad='<instrument/icrmw/article/26> a mrkg:Article ; mrkg:number "26(1)" ; mrkg:partOf <instrument/icrmw/part/3> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 26(1)"@en .',
        focus="instrument/icrmw/article/26",
        message="An article is numbered by a whole number",
    ),
    Case(
        "ObjectiveShape",
        good='<instrument/gcm/objective/23> a mrkg:Objective ; mrkg:number "23" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Objective 23"@en .',
        bad='<instrument/gcm/objective/23> a mrkg:Objective ; mrkg:number "23(a)" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Objective 23"@en .',
        focus="instrument/gcm/objective/23",
        message="An objective is numbered by a whole number",
    ),
    Case(
        "GoalShape",
        good='<instrument/agenda-2030/goal/8> a mrkg:Goal ; mrkg:number "8" ; mrkg:partOf <instrument/agenda-2030> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Goal 8"@en .',
        bad='<instrument/agenda-2030/goal/8> a mrkg:Goal ; mrkg:number "8.7" ; mrkg:partOf <instrument/agenda-2030> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Goal 8"@en .',
        focus="instrument/agenda-2030/goal/8",
        message="A goal is numbered by a whole number",
    ),
    Case(
        "TargetShape",
        good='<instrument/agenda-2030/target/10.c> a mrkg:Target ; mrkg:number "10.c" ; mrkg:partOf <instrument/agenda-2030/goal/10> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Target 10.c"@en .',
        bad='<instrument/agenda-2030/target/10.c> a mrkg:Target ; mrkg:number "10c" ; mrkg:partOf <instrument/agenda-2030/goal/10> ; mrkg:instrument <instrument/agenda-2030> ; rdfs:label "Target 10.c"@en .',
        focus="instrument/agenda-2030/target/10.c",
        message="A target is numbered goal.target",
    ),
    Case(
        "GuidingPrincipleShape",
        good='<instrument/gcm/guiding-principle/a> a mrkg:GuidingPrinciple ; mrkg:number "a" ; mrkg:partOf <instrument/gcm> ; mrkg:instrument <instrument/gcm> ; rdfs:label "People-centred"@en .',
        bad='<instrument/gcm/guiding-principle/a> a mrkg:GuidingPrinciple ; mrkg:number "a" ; mrkg:partOf <instrument/gcm/objective/13> ; mrkg:instrument <instrument/gcm> ; rdfs:label "People-centred"@en .',
        focus="instrument/gcm/guiding-principle/a",
        message="A guiding principle is part of its instrument or of the paragraph",
    ),
    Case(
        "ParagraphShape",
        good='<instrument/icrmw/article/25/paragraph/2> a mrkg:Paragraph ; mrkg:number "25(2)" ; mrkg:partOf <instrument/icrmw/article/25> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 25(2)"@en .',
        bad='<instrument/icrmw/article/25/paragraph/2> a mrkg:Paragraph ; mrkg:number "26(2)" ; mrkg:partOf <instrument/icrmw/article/25> ; mrkg:instrument <instrument/icrmw> ; rdfs:label "Article 25(2)"@en .',
        focus="instrument/icrmw/article/25/paragraph/2",
        message="A paragraph with a compound number starts with the number of the provision it is part of",
    ),
    Case(
        "ParagraphShape",
        # paragraphs numbered straight through the instrument: paragraph 30 sets out objective 13
        good='<instrument/gcm/paragraph/30> a mrkg:Paragraph ; mrkg:number "30" ; mrkg:partOf <instrument/gcm/objective/13> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Paragraph 30 of the GCM"@en .',
        bad='<instrument/gcm/paragraph/30/f> a mrkg:Paragraph ; mrkg:number "29(f)" ; mrkg:partOf <instrument/gcm/objective/13> ; mrkg:instrument <instrument/gcm> ; rdfs:label "Paragraph 29(f) of the GCM"@en .',
        focus="instrument/gcm/paragraph/30/f",
        message="A paragraph with a compound number starts with the number",
    ),
    Case(
        "InstrumentKindShape",
        good="<https://w3id.org/mrkg/ontology#Treaty> skos:inScheme <https://w3id.org/mrkg/ontology#InstrumentKinds> .",
        bad='<kind/recommendation> a mrkg:InstrumentKind ; rdfs:label "recommendation"@en .',
        focus="kind/recommendation",
        message="a concept of the scheme mrkg:InstrumentKinds",
    ),
    Case(
        "ActorShape",
        good='<actor/colombia> a mrkg:State ; rdfs:label "Colombia" ; owl:sameAs <http://www.wikidata.org/entity/Q739> .',
        bad='<actor/colombia> a mrkg:State ; rdfs:label "Colombia" ; owl:sameAs "Q739" .',
        focus="actor/colombia",
        message="owl:sameAs links to another IRI",
    ),
    Case(
        "PersonShape",
        good='<actor/diallo> a mrkg:Person ; rdfs:label "Ms. Diallo" .',
        bad='<actor/diallo> a mrkg:Person , mrkg:Organization ; rdfs:label "Ms. Diallo" .',
        focus="actor/diallo",
        message="A person is not also an organization",
    ),
    Case(
        "OrganizationShape",
        good='<actor/ilo> a mrkg:Organization ; rdfs:label "International Labour Organization" .',
        bad='<actor/ilo> a mrkg:Organization , mrkg:State ; rdfs:label "International Labour Organization" .',
        focus="actor/ilo",
        message="An organization is not also a State",
    ),
    Case(
        "StateShape",
        good='<actor/nepal> a mrkg:State ; rdfs:label "Nepal" .',
        bad='<actor/nepal> a mrkg:State , mrkg:Group ; rdfs:label "Nepal" .',
        focus="actor/nepal",
        message="A State is not also a group",
    ),
    Case(
        "GroupShape",
        good='<actor/participants-seminar> a mrkg:Group ; rdfs:label "Participants" .',
        bad='<actor/participants-seminar> a mrkg:Group ; rdfs:label "Participants" ; owl:sameAs <http://www.wikidata.org/entity/Q1> .',
        focus="actor/participants-seminar",
        message="A group is an unnamed collective",
        severity="Warning",
    ),
    Case(
        "RoleShape",
        good='<role/rapporteur> a mrkg:Role ; rdfs:label "rapporteur"@en . <statement/imrf/comment-2> mrkg:speakerRole <role/rapporteur> .',
        bad='<role/rapporteur> a mrkg:Role ; rdfs:label "rapporteur"@en .',
        focus="role/rapporteur",
        message="A role should be held by someone",
        severity="Warning",
    ),
    Case(
        "MembershipShape",
        good='<membership/m2> a org:Membership ; rdfs:label "Mexico delegate" ; org:member <actor/corzo-sosa> ; org:organization <actor/mexico> .',
        bad='<membership/m2> a org:Membership ; rdfs:label "Mexico delegate" ; org:organization <actor/mexico> .',
        focus="membership/m2",
        message="exactly one org:member",
    ),
    Case(
        "ParticipationShape",
        good='<participation/p2> a mrkg:Participation ; rdfs:label "Jane Doe, panelist" ; mrkg:participant <actor/jane-doe> ; mrkg:participantRole <role/panelist> .',
        bad='<participation/p2> a mrkg:Participation ; rdfs:label "Jane Doe, panelist" ; mrkg:participant <actor/jane-doe> .',
        focus="participation/p2",
        message="exactly one mrkg:participantRole",
    ),
    Case(
        "SessionShape",
        good='<session/cmw/36> a mrkg:Session ; rdfs:label "36th session" ; dcterms:date "2023-04-03"^^xsd:date .',
        bad='<session/cmw/36> a mrkg:Session ; rdfs:label "36th session" ; dcterms:date "3 April 2023" .',
        focus="session/cmw/36",
        message="A session's dcterms:date is an xsd:date",
    ),
    Case(
        "SessionShape",
        good='<session/cam/thematic/3> a mrkg:ThematicSession ; rdfs:label "Third thematic session" ; mrkg:sessionNumber "3" . '
        '<document/note> a mrkg:ConceptNote ; rdfs:label "Concept note" ; mrkg:records <session/cam/thematic/3> ; '
        'prov:wasDerivedFrom <https://w3id.org/mrkg/sources/note.txt> ; nif:isString "" ; nif:endIndex 0 ; '
        'mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" .',
        bad='<session/cmw/36> a mrkg:Session ; rdfs:label "36th session" . <document/sr506> mrkg:records <session/cmw/36> .',
        focus="session/cmw/36",
        message="A session has at least one dcterms:date (only a session known from a concept note",
    ),
    Case(
        "SessionShape",
        good='<session/ohchr/panel> a mrkg:Seminar ; rdfs:label "Panel discussion" . '
        '<session/ohchr/panel/opening> a mrkg:SeminarSession ; rdfs:label "Opening session" ; '
        'mrkg:partOfSession <session/ohchr/panel> . '
        '<document/summary> a mrkg:SeminarSummary ; rdfs:label "Meeting summary" ; mrkg:records <session/ohchr/panel/opening> ; '
        'prov:wasDerivedFrom <https://w3id.org/mrkg/sources/summary.txt> ; nif:isString "" ; nif:endIndex 0 ; '
        'mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" .',
        bad='<session/cmw/36/meeting/1> a mrkg:Meeting ; rdfs:label "1st meeting" . '
        '<document/sr1> mrkg:records <session/cmw/36/meeting/1> .',
        focus="session/cmw/36/meeting/1",
        message="only a session known from a concept note, a seminar summary or a discussion page may lack one",
    ),
    Case(
        "SessionShape",
        good='<session/cmw/36> a mrkg:Session ; rdfs:label "36th session" ; dcterms:date "2023-04-03"^^xsd:date ; mrkg:startTime "10:00:00"^^xsd:time ; mrkg:endTime "13:00:00"^^xsd:time .',
        bad='<session/cmw/36> a mrkg:Session ; rdfs:label "36th session" ; dcterms:date "2023-04-03"^^xsd:date ; mrkg:startTime "15:00:00"^^xsd:time ; mrkg:endTime "13:00:00"^^xsd:time .',
        focus="session/cmw/36",
        message="not after its end time",
    ),
    Case(
        "MeetingShape",
        good='<session/cmw/35/meeting/507> a mrkg:Meeting ; rdfs:label "507th meeting" ; mrkg:sessionNumber "507" ; mrkg:partOfSession <session/cmw/35> ; dcterms:date "2022-09-28"^^xsd:date .',
        bad='<session/cmw/35/meeting/507> a mrkg:Meeting ; rdfs:label "507th meeting" ; mrkg:sessionNumber "507th" ; mrkg:partOfSession <session/cmw/35> ; dcterms:date "2022-09-28"^^xsd:date .',
        focus="session/cmw/35/meeting/507",
        message="A meeting's mrkg:sessionNumber is its number alone",
    ),
    Case(
        "ThematicSessionShape",
        good='<session/cam/thematic/2> a mrkg:ThematicSession ; rdfs:label "Second thematic session" ; mrkg:sessionNumber "2" ; dcterms:date "2023-02-16"^^xsd:date .',
        bad='<session/cam/thematic/2> a mrkg:ThematicSession ; rdfs:label "Second thematic session" ; mrkg:sessionNumber "second" ; dcterms:date "2023-02-16"^^xsd:date .',
        focus="session/cam/thematic/2",
        message="A thematic session's mrkg:sessionNumber is its number alone",
        severity="Warning",
    ),
    Case(
        "SeminarShape",
        good='<session/seminar-2009> a mrkg:Seminar ; rdfs:label "Experts seminar" ; dcterms:date "2009-10-08"^^xsd:date .',
        bad='<session/seminar-2009> a mrkg:Seminar ; rdfs:label "Experts seminar" ; dcterms:date "2009-10-08"^^xsd:date ; mrkg:partOfSession <session/seminar-2009/1> . <session/seminar-2009/1> a mrkg:SeminarSession ; rdfs:label "Session 1" ; dcterms:date "2009-10-08"^^xsd:date ; mrkg:partOfSession <session/seminar-2009> .',
        focus="session/seminar-2009",
        message="A seminar is not part of a seminar or of a seminar session",
    ),
    Case(
        "SeminarSessionShape",
        good='<session/seminar-2009> a mrkg:Seminar ; rdfs:label "Experts seminar" ; dcterms:date "2009-10-08"^^xsd:date . <session/seminar-2009/1> a mrkg:SeminarSession ; rdfs:label "Session 1" ; dcterms:date "2009-10-08"^^xsd:date ; mrkg:partOfSession <session/seminar-2009> .',
        bad='<session/seminar-2009/1> a mrkg:SeminarSession ; rdfs:label "Session 1" ; dcterms:date "2009-10-08"^^xsd:date ; mrkg:partOfSession <session/cmw/35> .',
        focus="session/seminar-2009/1",
        message="A seminar session is part of a seminar.",
    ),
    Case(
        "DiscussionSpaceShape",
        good='<session/imrf/space/2> a mrkg:DiscussionSpace ; rdfs:label "Second space" ; dcterms:date "2022-05-01"^^xsd:date .',
        bad='<session/imrf/space/2> a mrkg:DiscussionSpace ; rdfs:label "Second space" ; dcterms:date "2022-05-01"^^xsd:date ; mrkg:partOfSession <session/imrf/space/1/thread/1> .',
        focus="session/imrf/space/2",
        message="A discussion space holds threads",
    ),
    Case(
        "DiscussionThreadShape",
        good='<session/imrf/space/1/thread/2> a mrkg:DiscussionThread ; rdfs:label "Thread 2" ; dcterms:date "2022-05-05"^^xsd:date ; mrkg:partOfSession <session/imrf/space/1> .',
        bad='<session/imrf/space/1/thread/2> a mrkg:DiscussionThread ; rdfs:label "Thread 2" ; dcterms:date "2022-05-05"^^xsd:date ; mrkg:partOfSession <session/cmw/35> .',
        focus="session/imrf/space/1/thread/2",
        message="A discussion thread is part of a discussion space",
    ),
    Case(
        "AgendaItemShape",
        good='<session/cmw/35/agenda/other-matters> a mrkg:AgendaItem ; rdfs:label "Other matters"@en . <session/cmw/35> mrkg:agendaItem <session/cmw/35/agenda/other-matters> .',
        bad='<session/cmw/35/agenda/other-matters> a mrkg:AgendaItem ; rdfs:label "Other matters"@en .',
        focus="session/cmw/35/agenda/other-matters",
        message="An agenda item should be on the agenda of a session",
        severity="Warning",
    ),
    Case(
        "DocumentShape",
        good='<document/sr506> dcterms:language "en" .',
        bad='<document/sr506> mrkg:sha256 "37E15A33" .',
        focus="document/sr506",
        message="exactly one mrkg:sha256, 64 lower-case hexadecimal digits",
    ),
    Case(
        "DocumentShape",
        good='<document/sr506> mrkg:symbol "CMW/C/SR.506" .',
        bad='<statement/sr506/9> a mrkg:Statement ; rdfs:label "para. 9" ; mrkg:text "The Chair opened the meeting." ; mrkg:document <document/sr506> ; nif:beginIndex 0 ; nif:endIndex 74 ; nif:referenceContext <document/sr506> ; nif:anchorOf "9.\\tThe Chair opened the meeting." .',
        focus="document/sr506",
        message="quotes (nif:anchorOf) something other than what the document's text has",
    ),
    Case(
        "DocumentShape",
        good='<statement/sr506/2/ref/76-78> a mrkg:InstrumentMention ; rdfs:label "a mention" ; cito:hasCitingEntity <statement/sr506/2> ; cito:hasCitedEntity <instrument/gcm> ; nif:beginIndex 124 ; nif:endIndex 142 ; nif:anchorOf "the Global Compact" ; nif:referenceContext <document/sr506> .',
        bad='<statement/sr506/2/ref/76-78> a mrkg:InstrumentMention ; rdfs:label "a mention" ; cito:hasCitingEntity <statement/sr506/2> ; cito:hasCitedEntity <instrument/icrmw> ; nif:beginIndex 124 ; nif:endIndex 142 ; nif:anchorOf "the Global Compact" ; nif:referenceContext <document/sr506> .',
        focus="document/sr506",
        message="is not mirrored by its statement's mrkg:cites (provision) or mrkg:mentions",
    ),
    Case(
        "DocumentShape",
        good='<statement/sr506/2> nif:endIndex 174 .',
        bad='<statement/sr506/3> a mrkg:Statement ; rdfs:label "para. 3" ; mrkg:text "x" ; mrkg:document <document/sr506> ; nif:beginIndex 175 ; nif:endIndex 180 ; nif:referenceContext <document/sr506> ; nif:anchorOf "" .',
        focus="document/sr506",
        message="ends past the end of the document's text",
    ),
    Case(
        "SummaryRecordShape",
        good='<document/sr506> mrkg:records <session/cmw/35/meeting/506> .',
        bad='<document/sr507> a mrkg:SummaryRecord ; rdfs:label "A record" ; mrkg:records <session/cmw/35/meeting/506> ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/sr507.txt> ; mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ; nif:isString "" ; nif:endIndex 0 .',
        focus="document/sr507",
        message="A summary record should have its document symbol",
        severity="Warning",
    ),
    Case(
        "ConceptNoteShape",
        good='<document/note> a mrkg:ConceptNote ; rdfs:label "Concept note" ; mrkg:records <session/cmw/35> ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/note.txt> ; mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ; nif:isString "" ; nif:endIndex 0 .',
        bad='<document/note> a mrkg:ConceptNote ; rdfs:label "Concept note" ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/note.txt> ; mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ; nif:isString "" ; nif:endIndex 0 .',
        focus="document/note",
        message="A concept note should name the session it frames",
        severity="Warning",
    ),
    Case(
        "SeminarSummaryShape",
        good='<document/seminar> a mrkg:SeminarSummary ; rdfs:label "Seminar summary" ; mrkg:records <session/seminar-2009> ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/seminar.txt> ; mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ; nif:isString "" ; nif:endIndex 0 . <session/seminar-2009> a mrkg:Seminar ; rdfs:label "Experts seminar" ; dcterms:date "2009-10-08"^^xsd:date .',
        bad='<document/seminar> a mrkg:SeminarSummary ; rdfs:label "Seminar summary" ; mrkg:records <session/cmw/35/meeting/506> ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/seminar.txt> ; mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ; nif:isString "" ; nif:endIndex 0 .',
        focus="document/seminar",
        message="A seminar summary should record a seminar or its sessions",
        severity="Warning",
    ),
    Case(
        "OnlineDiscussionShape",
        good='<document/imrf> mrkg:records <session/imrf/space/1> .',
        bad='<document/forum> a mrkg:OnlineDiscussion ; rdfs:label "Forum" ; mrkg:records <session/cmw/35> ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/forum.txt> ; mrkg:sha256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ; nif:isString "" ; nif:endIndex 0 .',
        focus="document/forum",
        message="An online discussion should record a discussion space or thread",
        severity="Warning",
    ),
    Case(
        "ProseDocumentShape",
        good='<document/release> a mrkg:ProseDocument ; rdfs:label "A press release" ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/release.txt> ; mrkg:sha256 "e382368eaa8de138c2482d66ffce1fbf01e98ffdcab4ccfb6c08a0ee07d6c93f" ; nif:isString "The panel met in Geneva." ; nif:endIndex 24 . '
        '<statement/release/p-1> a mrkg:Statement ; rdfs:label "A press release, p-1" ; mrkg:text "The panel met in Geneva." ; mrkg:document <document/release> ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/release.txt> ; nif:beginIndex 0 ; nif:endIndex 24 ; nif:anchorOf "The panel met in Geneva." ; nif:referenceContext <document/release> .',
        bad='<document/release> a mrkg:ProseDocument ; rdfs:label "A press release" ; prov:wasDerivedFrom <https://w3id.org/mrkg/sources/release.txt> ; mrkg:sha256 "e382368eaa8de138c2482d66ffce1fbf01e98ffdcab4ccfb6c08a0ee07d6c93f" ; nif:isString "The panel met in Geneva." ; nif:endIndex 24 .',
        focus="document/release",
        message="A prose document is read for its paragraphs",
    ),
    Case(
        "StatementShape",
        good=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "The Chair opened the meeting." ; mrkg:paragraphNumber 1 ; mrkg:document <document/sr506> ; {PARA_1} .',
        bad=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:paragraphNumber 1 ; mrkg:document <document/sr506> ; {PARA_1} .',
        focus="statement/sr506/1b",
        message="exactly one mrkg:text",
    ),
    Case(
        "StatementShape",
        good=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:paragraphNumber 1 ; mrkg:document <document/sr506> ; {PARA_1} .',
        bad=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:paragraphNumber "1" ; mrkg:document <document/sr506> ; {PARA_1} .',
        focus="statement/sr506/1b",
        message="at most one mrkg:paragraphNumber, an xsd:integer",
    ),
    Case(
        "StatementShape",
        good=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:document <document/sr506> ; mrkg:cites <instrument/icrmw/article/22> ; {PARA_1} .',
        bad=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:document <document/sr506> ; mrkg:cites <instrument/icrmw/article/99> ; {PARA_1} .',
        focus="statement/sr506/1b",
        message="mrkg:cites names a provision of the catalogue",
    ),
    Case(
        "StatementShape",
        good=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:document <document/sr506> ; mrkg:speaker <actor/salama> ; {PARA_1} .',
        bad=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:document <document/sr506> ; mrkg:speaker <actor/salama> , <actor/corzo-sosa> ; {PARA_1} .',
        focus="statement/sr506/1b",
        message="at most one mrkg:speaker",
    ),
    Case(
        "StatementShape",
        good='<statement/sr506/2> mrkg:mentionsActor <actor/ohchr> .',
        bad=f'<statement/sr506/1b> a mrkg:Statement ; rdfs:label "para. 1 again" ; mrkg:text "x" ; mrkg:document <document/sr506> ; mrkg:mentionsActor <instrument/icrmw> ; {PARA_1} .',
        focus="statement/sr506/1b",
        message="mrkg:mentionsActor names an actor",
    ),
    Case(  # issue 13, point 3: the words that name the actor are a mention printed in the statement
        "StatementShape",
        good='<statement/sr506/2> mrkg:mentionsActor <actor/ohchr> .',
        bad='<statement/sr506/1> mrkg:mentionsActor <actor/ohchr> .',
        focus="statement/sr506/1",
        message="no mrkg:Mention printed in it",
    ),
    Case(  # issue 13, point 4: a statement's topic comes with the words that match it
        "StatementShape",
        good=TOPIC + MATCH + '<statement/sr506/1> dcterms:subject <topic/detention> .',
        bad=TOPIC + '<statement/sr506/1> dcterms:subject <topic/detention> .',
        focus="statement/sr506/1",
        message="no mrkg:TopicMatch gives the words",
    ),
    Case(
        "TopicMatchShape",
        good=TOPIC + MATCH + '<statement/sr506/1> dcterms:subject <topic/detention> .',
        bad=TOPIC + MATCH,
        focus="statement/sr506/1/topic/detention/24-31",
        message="not mirrored by its statement's dcterms:subject",
    ),
    Case(
        "TopicMatchShape",
        good=TOPIC + MATCH + '<statement/sr506/1> dcterms:subject <topic/detention> .',
        bad=TOPIC + MATCH.replace("mrkg:topic <topic/detention>", "mrkg:topic <instrument/icrmw>"),
        focus="statement/sr506/1/topic/detention/24-31",
        message="exactly one mrkg:topic, a topic of the scheme",
    ),
    Case(
        "TranslationShape",
        good=TRANSLATION,
        bad=TRANSLATION.replace('"La Présidente déclare la séance ouverte."@fr', '"La Présidente déclare la séance ouverte."'),
        focus="statement/sr506/1/translation/fr",
        message="its words tagged with their language",
    ),
    Case(
        "TranslationShape",
        good=TRANSLATION,
        bad=TRANSLATION.replace("<statement/sr506/1> mrkg:translation <statement/sr506/1/translation/fr> . ", ""),
        focus="statement/sr506/1/translation/fr",
        message="the translation of exactly one statement",
    ),
    Case(
        "TopicShape",
        good=TOPIC,
        bad=TOPIC.replace(', "Detención de migrantes"@es', ""),
        focus="topic/detention",
        message="one skos:prefLabel in each of English, French and Spanish",
    ),
    Case(
        "TopicShape",
        good=TOPIC,
        bad=TOPIC.replace("mrkg:governedBy <instrument/icrmw/article/22>", "mrkg:governedBy <actor/ohchr>"),
        focus="topic/detention",
        message="mrkg:governedBy names a provision",
    ),
    Case(
        "MatchingMethodShape",
        good='<method/other> a mrkg:MatchingMethod ; rdfs:label "another method"@en ; rdfs:comment "How."@en .',
        bad='<method/other> a mrkg:MatchingMethod ; rdfs:label "another method"@en .',
        focus="method/other",
        message="says in words how it matches",
    ),
    Case(
        "CommentShape",
        good=f'<statement/imrf/comment-3> a mrkg:Comment ; rdfs:label "Comment" ; mrkg:text "x" ; dcterms:date "2022-05-03"^^xsd:date ; mrkg:document <document/imrf> ; {COMMENT_1} .',
        bad=f'<statement/imrf/comment-3> a mrkg:Comment ; rdfs:label "Comment" ; mrkg:text "x" ; dcterms:date "2022-05-03"^^xsd:date ; mrkg:document <document/sr506> ; {PARA_1} .',
        focus="statement/imrf/comment-3",
        message="A comment is printed in an online discussion",
    ),
    Case(
        "QuestionShape",
        good=f'<statement/imrf/question-2> a mrkg:Question ; rdfs:label "Question" ; mrkg:text "x" ; mrkg:document <document/imrf> ; {COMMENT_1} .',
        bad=f'<statement/imrf/question-2> a mrkg:Question ; rdfs:label "Question" ; mrkg:text "x" ; mrkg:document <document/imrf> ; mrkg:inReplyTo <statement/imrf/comment-1> ; {COMMENT_1} .',
        focus="statement/imrf/question-2",
        message="it is not a reply",
    ),
    Case(
        "FootnoteShape",
        good=f'<statement/imrf/note-1> a mrkg:Footnote ; rdfs:label "Footnote" ; mrkg:text "x" ; mrkg:document <document/imrf> ; mrkg:footnoteTo <statement/imrf/comment-1> ; {COMMENT_1} .',
        bad=f'<statement/imrf/note-1> a mrkg:Footnote ; rdfs:label "Footnote" ; mrkg:text "x" ; mrkg:document <document/imrf> ; {COMMENT_1} .',
        focus="statement/imrf/note-1",
        message="annotates the one statement whose text carries its mark",
    ),
    Case(
        "FootnoteShape",
        good=f'<statement/imrf/note-1> a mrkg:Footnote ; rdfs:label "Footnote" ; mrkg:text "x" ; mrkg:document <document/imrf> ; mrkg:footnoteTo <statement/imrf/comment-1> ; {COMMENT_1} .',
        bad=f'<statement/imrf/note-1> a mrkg:Footnote ; rdfs:label "Footnote" ; mrkg:text "x" ; mrkg:document <document/imrf> ; mrkg:footnoteTo <statement/imrf/comment-1> ; mrkg:speaker <actor/salama> ; {COMMENT_1} .',
        focus="statement/imrf/note-1",
        message="it has no speaker",
    ),
    Case(
        "SubmissionShape",
        good=f'<statement/imrf/submission-2> a mrkg:Submission ; rdfs:label "Submission" ; mrkg:text "x" ; mrkg:onBehalfOf <actor/migrant-forum> ; mrkg:document <document/imrf> ; {COMMENT_1} .',
        bad=f'<statement/imrf/submission-2> a mrkg:Submission ; rdfs:label "Submission" ; mrkg:text "x" ; mrkg:document <document/imrf> ; {COMMENT_1} .',
        focus="statement/imrf/submission-2",
        message="A submission should name who submitted it",
        severity="Warning",
    ),
    Case(
        "ProvisionCitationShape",
        good='<statement/sr506/1/ref/45-55b> a mrkg:ProvisionCitation ; rdfs:label "citation" ; cito:hasCitingEntity <statement/sr506/1> ; cito:hasCitedEntity <instrument/icrmw/article/22> ; nif:beginIndex 45 ; nif:endIndex 55 ; nif:anchorOf "article 22" ; nif:referenceContext <document/sr506> .',
        bad='<statement/sr506/1/ref/45-55b> a mrkg:ProvisionCitation ; rdfs:label "citation" ; cito:hasCitingEntity <statement/sr506/1> ; nif:beginIndex 45 ; nif:endIndex 55 ; nif:anchorOf "article 22" ; nif:referenceContext <document/sr506> .',
        focus="statement/sr506/1/ref/45-55b",
        message="exactly one cito:hasCitedEntity, a provision",
    ),
    Case(
        "InstrumentMentionShape",
        good='<statement/sr506/1/ref/59-73b> a mrkg:InstrumentMention ; rdfs:label "mention" ; cito:hasCitingEntity <statement/sr506/1> ; cito:hasCitedEntity <instrument/icrmw> ; nif:beginIndex 59 ; nif:endIndex 73 ; nif:anchorOf "the Convention" ; nif:referenceContext <document/sr506> .',
        bad='<statement/sr506/1/ref/59-73b> a mrkg:InstrumentMention ; rdfs:label "mention" ; cito:hasCitedEntity <instrument/icrmw> ; nif:beginIndex 59 ; nif:endIndex 73 ; nif:anchorOf "the Convention" ; nif:referenceContext <document/sr506> .',
        focus="statement/sr506/1/ref/59-73b",
        message="exactly one cito:hasCitingEntity, the statement",
    ),
    Case(
        "MentionShape",
        good='<document/sr506/mention/actor/corzo-sosa/3-12> a mrkg:Mention ; rdfs:label "“The Chair” in CMW/C/SR.506"@en ; mrkg:mentionOf <actor/corzo-sosa> ; nif:superString <statement/sr506/1> ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> .',
        bad='<document/sr506/mention/actor/corzo-sosa/3-12> a mrkg:Mention ; rdfs:label "“The Chair” in CMW/C/SR.506"@en ; mrkg:mentionOf <actor/corzo-sosa> , <actor/salama> ; nif:beginIndex 3 ; nif:endIndex 12 ; nif:anchorOf "The Chair" ; nif:referenceContext <document/sr506> .',
        focus="document/sr506/mention/actor/corzo-sosa/3-12",
        message="names exactly one session",
    ),
    Case(
        "MentionShape",
        good='<document/sr506/mention/session/cmw/35/45-55> a mrkg:Mention ; rdfs:label "“article 22” in CMW/C/SR.506"@en ; mrkg:mentionOf <session/cmw/35> ; nif:superString <statement/sr506/1> ; nif:beginIndex 45 ; nif:endIndex 55 ; nif:anchorOf "article 22" ; nif:referenceContext <document/sr506> .',
        bad='<document/sr506/mention/session/cmw/35/45-55> a mrkg:Mention ; rdfs:label "“article 22” in CMW/C/SR.506"@en ; mrkg:mentionOf <session/cmw/35> ; nif:superString <statement/sr506/1/ref/45-55> ; nif:beginIndex 45 ; nif:endIndex 55 ; nif:anchorOf "article 22" ; nif:referenceContext <document/sr506> .',
        focus="document/sr506/mention/session/cmw/35/45-55",
        message="printed in at most one statement",
    ),
    Case(
        "NamedByManyShape",
        good='<session/cmw/35> rdfs:comment "Held in Geneva" .',
        bad='<session/cmw/35> nif:referenceContext <document/sr506> ; nif:beginIndex 0 ; nif:endIndex 2 ; nif:anchorOf "1." .',
        focus="session/cmw/35",
        message="can be named by any number of documents",
    ),
    Case(
        "NamedByManyShape",
        good='<participation/salama-506> rdfs:comment "as printed in the list of participants" .',
        bad='<participation/salama-506> nif:beginIndex 79 .',
        focus="participation/salama-506",
        message="holds no passage (nif: offsets) of its own",
    ),
    Case(
        "DocumentShape",
        good='<document/sr506/mention/actor/salama/79-89> nif:superString <statement/sr506/2> .',
        bad='<document/imrf/mention/actor/salama/79-89> a mrkg:Mention ; rdfs:label "“Mr. Salama”"@en ; mrkg:mentionOf <actor/salama> ; nif:beginIndex 79 ; nif:endIndex 89 ; nif:anchorOf "Mr. Salama" ; nif:referenceContext <document/sr506> .',
        focus="document/sr506",
        message="is not named after it",
    ),
    Case(
        "DocumentShape",
        good='<document/sr506/mention/actor/ohchr/91-96> nif:superString <statement/sr506/2> .',
        bad='<document/sr506/mention/actor/ohchr/91-96b> a mrkg:Mention ; rdfs:label "“OHCHR”"@en ; mrkg:mentionOf <actor/ohchr> ; nif:superString <statement/sr506/1> ; nif:beginIndex 91 ; nif:endIndex 96 ; nif:anchorOf "OHCHR" ; nif:referenceContext <document/sr506> .',
        focus="document/sr506",
        message="is not inside the statement it says it is printed in",
    ),
    Case(
        "PassageShape",
        good='<statement/sr506/1/ref/59-73> nif:beginIndex 59 .',
        bad='<passage/p1> nif:referenceContext <document/sr506> ; nif:beginIndex 55 ; nif:endIndex 45 ; nif:anchorOf "" .',
        focus="passage/p1",
        message="not after its nif:endIndex",
    ),
    Case(
        "label",
        good='<actor/ilo> a mrkg:Organization ; rdfs:label "ILO" .',
        bad='<actor/ilo> a mrkg:Organization ; rdfs:label "" .',
        focus="actor/ilo",
        message="Everything has an rdfs:label",
    ),
]


@pytest.fixture(scope="module")
def base() -> Graph:
    graph = Graph().parse(PRELUDE, format="turtle")
    graph.parse(ONTOLOGY, format="turtle")
    return graph


def _with(base: Graph, snippet: str) -> Graph:
    graph = Graph()
    for triple in base:
        graph.add(triple)
    graph.parse(data=HEADER + snippet, format="turtle")
    return graph


def test_the_prelude_conforms_to_every_shape(base: Graph) -> None:
    report = validate(base, SHAPES)
    assert report.conforms, report.text()
    assert report.results == [], report.text()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.shape}:{c.message[:30]}")
def test_conforming_example_adds_no_result(base: Graph, case: Case) -> None:
    report = validate(_with(base, case.good), SHAPES)
    assert report.results == [], report.text()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.shape}:{c.message[:30]}")
def test_violating_example_fails_with_the_expected_message(base: Graph, case: Case) -> None:
    report = validate(_with(base, case.bad), SHAPES)
    found = [r for r in report.results if case.message in r.message]
    assert found, report.text()
    assert {r.shape for r in report.results} == {f"mrkgsh:{case.shape}"}, report.text()
    assert ID + case.focus in {r.focus_node for r in found}
    assert {r.severity for r in found} == {case.severity}
    assert report.conforms == (case.severity != "Violation")


def test_every_node_shape_has_examples() -> None:
    shapes = Graph().parse(SHAPES / "mrkg-shapes.ttl")
    named = {str(s).rsplit("#", 1)[1] for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert named - {case.shape for case in CASES} == set()


def test_every_class_of_the_ontology_has_a_shape() -> None:
    ontology = Graph().parse(ONTOLOGY)
    shapes = Graph().parse(SHAPES / "mrkg-shapes.ttl")
    classes = {c for c in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) if str(c).startswith(str(MRKG))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes - targeted == set()
    assert len(classes) >= 36


def test_report_names_the_source_file_line_and_passage(base: Graph) -> None:
    graph = _with(base, "")
    statement = URIRef(ID + "statement/sr506/2")
    graph.remove((statement, URIRef(str(MRKG) + "text"), None))
    report = validate(graph, SHAPES)
    [result] = report.violations
    assert result.focus_node == str(statement)
    assert result.path == "mrkg:text"
    assert result.source_file == "sr506.txt"
    assert result.line == 3  # paragraph 2 starts on the third line of the text
    assert result.passage is not None and result.passage.startswith("2.\tMr. Salama (OHCHR) said that")
    text = report.text()
    assert "1 violation, 0 warnings" in text
    for expected in (str(statement), "mrkg:text", "sr506.txt, line 3", "“2. Mr. Salama (OHCHR) said that", result.message):
        assert expected in text


def test_a_citation_is_traced_to_its_own_passage(base: Graph) -> None:
    graph = _with(base, "")
    citation = URIRef(ID + "statement/sr506/2/ref/108-120")
    graph.remove((citation, URIRef("http://purl.org/spar/cito/hasCitedEntity"), None))
    [result] = validate(graph, SHAPES).violations
    assert (result.source_file, result.line, result.passage) == ("sr506.txt", 3, "objective 13")


def test_an_actor_is_traced_to_a_statement_that_names_it(base: Graph) -> None:
    graph = _with(base, '<actor/salama> a mrkg:Organization .')
    [result] = validate(graph, SHAPES).violations
    assert result.focus_node == ID + "actor/salama"
    assert result.source_file == "sr506.txt"
    assert result.passage is not None and "Mr. Salama" in result.passage


def test_a_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    dataset = synthetic_dataset(sources=1, statements_per_source=5)
    ontology = Graph().parse(ONTOLOGY)
    dataset.graph(URIRef(ID + "graph/ontology")).parse(ONTOLOGY)
    materialise(dataset, ontology)
    statement = URIRef(ID + "statement/000_synthetic/3")
    source = next(g for g in dataset.graphs() if (statement, None, None) in g)
    source.remove((statement, MRKG.paragraphNumber, None))
    source.add((statement, MRKG.paragraphNumber, Literal("three")))
    report = validate(dataset, SHAPES)
    assert {(r.focus_node, r.path, r.source_file) for r in report.violations} == {
        (str(statement), "mrkg:paragraphNumber", "000_synthetic.txt")
    }


def test_missing_or_broken_shapes_are_reported_in_words(tmp_path: Path, base: Graph) -> None:
    with pytest.raises(MrkgError, match="no SHACL shapes"):
        validate(base, tmp_path)
    (tmp_path / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path \n", encoding="utf-8")
    with pytest.raises(MrkgError, match="broken.ttl: not valid Turtle"):
        validate(base, tmp_path)


@pytest.mark.slow
def test_a_build_sized_graph_validates_in_seconds() -> None:
    dataset = synthetic_dataset(sources=3, statements_per_source=300)
    ontology = Graph().parse(ONTOLOGY)
    materialise(dataset, ontology)
    graph = union_graph(dataset) + ontology
    broken = URIRef(ID + "statement/001_synthetic/200")
    graph.set((broken, NIF.anchorOf, Literal("not what the source says")))
    started = time.perf_counter()
    report = validate(graph, SHAPES)
    elapsed = time.perf_counter() - started
    assert len(graph) > 40_000
    assert [r.value for r in report.violations] == [f"<{broken}>"]
    assert report.violations[0].line == 200 * 2 - 1
    assert elapsed < 60, f"validation took {elapsed:.1f} s"
