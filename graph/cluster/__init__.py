"""N mrkg nodes behind HAProxy: start them, roll a new release out to them, survive the loss of one.

:mod:`graph.cluster.nodes` starts one node on its own copy of a release,
:mod:`graph.cluster.balancer` drives HAProxy (its configuration is
``deploy/haproxy.cfg``) through its runtime API, and
:mod:`graph.cluster.rollout` puts the two together: the blue/green switch
that lets no client see a newer answer followed by an older one.
``python -m graph.cluster`` runs it all until Ctrl+C.
"""
