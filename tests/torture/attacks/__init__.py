"""The attacks, one module per kind; each function returns the :class:`~tests.torture.report.Row` it fills."""
