"""planparse: Chinese government work plans (.txt, .docx, .pdf) → validated, structured JSON.

``parse(path)``, ``parse_bytes(data)`` and ``parse_text(text)`` return a validated
``planparse.models.PlanDocument``; ``PlanparseError`` (with ``reason``, ``code`` and
``path``) is the one exception they raise for a file that cannot be parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["PlanDocument", "PlanparseError", "__version__", "parse", "parse_bytes", "parse_text"]

if TYPE_CHECKING:
    from planparse.errors import PlanparseError
    from planparse.models import PlanDocument
    from planparse.pipeline import parse, parse_bytes, parse_text


def __getattr__(name: str):
    # Imported on first use, so that ``planparse --version`` or a submodule import stays light.
    if name == "PlanparseError":
        from planparse.errors import PlanparseError

        return PlanparseError
    if name == "PlanDocument":
        from planparse.models import PlanDocument

        return PlanDocument
    if name in ("parse", "parse_bytes", "parse_text"):
        from planparse import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'planparse' has no attribute {name!r}")
