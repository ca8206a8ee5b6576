"""planparse: Chinese government work plans (.txt, .docx, .pdf) → validated, structured JSON."""

from planparse.errors import PlanparseError
from planparse.pipeline import parse, parse_bytes, parse_text

__version__ = "0.1.0"
__all__ = ["PlanparseError", "__version__", "parse", "parse_bytes", "parse_text"]
