"""mrkg core: sources → parse → extract → RDF → validate → publish → store.

Nothing in this package imports :mod:`api`; the HTTP layer is a thin face over it.
"""
