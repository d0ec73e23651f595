"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, Linked Data site and web UI over the store.

Kept import-light on purpose: query worker processes import :mod:`kg.server.worker` only.
The ASGI app lives in :mod:`kg.server.app` (``create_app``).
"""
