"""The citizen's pages, one module per topic, each an ``APIRouter`` (``site.mount``
includes them)."""
