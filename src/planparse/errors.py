"""The one exception users see: a clear one-line reason, never a traceback."""


class PlanparseError(Exception):
    """A file could not be parsed; ``str(error)`` is the one-line reason."""
