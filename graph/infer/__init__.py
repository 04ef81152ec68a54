"""Inferred provision links (issue 13, item 5): statements that discuss a provision without citing it.

    source graph ─statements─▶ words ─method (catalogue's provisions)─▶ links ─links_rdf─▶ id:graph/inferred

``step`` is the build's ``infer`` step; ``tests/inference_report.py`` measures the method against the
explicit citations it is not shown.
"""
