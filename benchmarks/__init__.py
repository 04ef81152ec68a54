"""The SPARQL benchmark: mrkg against Oxigraph server and rdflib-endpoint.

Read ``benchmarks/README.md`` for how to run it and what it measures.  The
modules follow the run: ``synthetic`` makes a graph of any size with the
shape of a real build, ``datasets`` prepares each dataset for each server,
``servers`` starts and stops them, ``query_mix`` writes the queries,
``measure`` times them over HTTP, ``report`` prints and saves the tables, and
``run`` ties it together.
"""
