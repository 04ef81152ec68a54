"""Summaries of seminars, panels and expert meetings: the programme's layout, the narrative account, the reader."""
