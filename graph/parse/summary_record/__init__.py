"""Summary records of treaty bodies: the header (body, session, meeting, date, presiding officer), the
numbered paragraphs, the present list, and the reader that puts them together."""
