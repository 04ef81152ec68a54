"""Concept notes of meetings and events: the note's layout (headings, date lines, organisers) and its reader."""
