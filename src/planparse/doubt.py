"""When a parsed document wants a look before it is trusted."""

from __future__ import annotations

from planparse.models import PlanDocument

DOUBTFUL_BELOW = 0.5  # a document's confidence below this is reported as doubtful


def doubtful(document: PlanDocument) -> str | None:
    """Why ``document`` wants a look before it is trusted, if it does."""
    if not document.tasks:
        return "no tasks found"
    if document.confidence < DOUBTFUL_BELOW:
        return f"confidence {document.confidence:.2f} (below {DOUBTFUL_BELOW})"
    return None
