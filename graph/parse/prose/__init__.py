"""The general reader: any prose document no genre reader is confident of (issue 11, point 2)."""
