"""A seminar summary's footnotes are its authors' words, not the panelist's (issue 14).

The summary's writers add references in notes beside what a panelist said; a note citing article 25(1)
marked in a panelist's paragraph is the summary's citation. The note becomes a statement of its own
(``mrkg:Footnote``), attributed to whoever issued the summary, annotating the paragraph that carries its
mark; the panelist's paragraph cites only what the panelist is reported to have cited.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from graph import iris
from graph.catalogue import Catalogue
from graph.catalogue_reader import load_catalogue
from graph.documents import Source
from graph.extract.actors import resolve_actors
from graph.extract.citations import extract_references
from graph.parse.seminar_summary.reader import SeminarSummaryReader
from graph.records import ParsedDocument, ProvisionRef, StatementKind
from graph.to_rdf import source_graph
from graph.vocab import CITO, MRKG

ROOT = Path(__file__).resolve().parents[3]

# Written for this test in the genre's layout (numbered paragraphs, a panel heading, notes exported inline
# as "[footnoteRef:n]" … "[n: …]" and in markdown), with names no source of the build uses.
SUMMARY = """Expert meeting on wage protection for migrant workers in the construction sector
Organized by the Office of the United Nations High Commissioner for Human Rights (OHCHR)
Geneva, 4 June 2013

SUMMARY

1.\tThe meeting brought together experts from trade unions, labour inspectorates and academia.

Panel 1: Wage theft and remedies
Chairperson: Ms. Ingrid Vallander, Office of the United Nations High Commissioner for Human Rights

2.\tMr. Tomasz Wierzbicki, Professor of Labour Law, University of Gdańsk, recalled that article 22 of the Convention protected migrant workers against collective expulsion and that workers leaving a country were owed their unpaid wages.[footnoteRef:1] He stressed that labour inspectors rarely reached construction sites.[^b]  [1:  International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families, article 25(1); see also Committee on Economic, Social and Cultural Rights, General Comment No. 18, para. 23.]

[^b]: Report of the Special Rapporteur on the human rights of migrants, A/HRC/26/35, 2014.

3.\tMr. Wierzbicki added that complaints took years to reach a court.
"""


def built() -> tuple[ParsedDocument, Graph, Catalogue]:
    catalogue = load_catalogue(ROOT / "data" / "catalogue")
    document = SeminarSummaryReader().read(Source(Path("wage_meeting.txt"), SUMMARY))
    extract_references(document, catalogue)
    resolve_actors([document], catalogue.known_actors())
    return document, source_graph(document, catalogue), catalogue


def test_the_note_is_a_statement_of_its_own_beside_the_panelists_paragraph() -> None:
    document, _, _ = built()
    panelist = next(s for s in document.statements if s.paragraph_number == 2)
    notes = [s for s in document.statements if s.kind is StatementKind.FOOTNOTE]
    assert [(n.local_id, n.note_to, n.speaker) for n in notes] == [("note-1", "2", None), ("note-b", "2", None)]
    assert notes[0].text.startswith("International Convention on the Protection") and notes[0].text.endswith("para. 23.")
    assert notes[1].text == "Report of the Special Rapporteur on the human rights of migrants, A/HRC/26/35, 2014."
    assert panelist.speaker is not None and "Wierzbicki" in panelist.speaker.label
    assert "International Convention" not in panelist.text and "[footnoteRef" not in panelist.text
    assert notes[0].session == panelist.session
    # The paragraphs after the note keep their speaker: a note breaks no run of continuation paragraphs.
    following = next(s for s in document.statements if s.paragraph_number == 3)
    assert following.speaker is not None and "Wierzbicki" in following.speaker.label


def test_the_panelist_cites_what_he_cited_and_the_note_what_the_authors_cited() -> None:
    document, _, _ = built()
    panelist = next(s for s in document.statements if s.paragraph_number == 2)
    note = document.statement("note-1")
    assert [(c.provision.instrument, c.provision.number) for c in panelist.citations] == [("ICRMW", "22")]
    assert [(c.provision.instrument, c.provision.number) for c in note.citations] == [
        ("ICRMW", "25(1)"), ("CESCR-GC18", "23")]


def test_in_the_graph_the_note_is_the_summarys_and_annotates_the_paragraph() -> None:
    document, graph, catalogue = built()
    stem = document.source.stem
    panelist, note = URIRef(iris.statement(stem, "2")), URIRef(iris.statement(stem, "note-1"))
    article_25_1 = URIRef(catalogue.provision_iri(ProvisionRef("ICRMW", "Paragraph", "25(1)")) or "")
    assert (panelist, MRKG.cites, article_25_1) not in graph
    assert (note, MRKG.cites, article_25_1) in graph
    assert (note, RDF.type, MRKG.Footnote) in graph and (note, MRKG.footnoteTo, panelist) in graph
    assert graph.value(note, MRKG.speaker) is None
    assert graph.value(note, PROV.wasAttributedTo) == URIRef(iris.actor(document.body.key))  # type: ignore[union-attr]
    citation = next(graph.subjects(CITO.hasCitedEntity, article_25_1))
    assert graph.value(citation, CITO.hasCitingEntity) == note
    assert "footnote 1 to paragraph 2" in str(graph.value(note, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    # Footnotes stand beside the flow: paragraph 3 follows paragraph 2.
    assert graph.value(panelist, MRKG.nextStatement) == URIRef(iris.statement(stem, "3"))
