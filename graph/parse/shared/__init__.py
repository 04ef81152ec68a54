"""What the genre readers share: text layout and markup, dates and numbers, names of people and
organisations, reported speech, footnotes, paragraphs, and the narrative reading of unnumbered prose."""
