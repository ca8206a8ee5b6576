"""The memory ceiling of a parse, and the room to say so when a file hits it.

Past an address-space ceiling every allocation fails, the ones that would report the
failure too (an import, a formatted message, Python's own excepthook).  A block held back
while a file is parsed and freed the moment a MemoryError leaves it gives the report room.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

TOO_LARGE = "too large or too complex to read within the memory limit"
# the default ceiling of a parse, in MiB of address space: OCR of a 200-dpi page reaches about
# 2.2 GiB of it (1.2 GiB resident, the text detector's feature maps), every other reader far less
DEFAULT_MB = 3072
RESERVE = 16 << 20  # bytes held back; a one-line report and the unwinding need far less

_reserve: bytearray | None = None
_limited = False


def limit_memory(limit: int) -> None:
    """Cap this process's address space at ``limit`` bytes: past it allocations fail
    (MemoryError) instead of the machine swapping."""
    import resource

    global _limited
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard < 0 else min(limit, hard), hard))
    _limited = True


@contextmanager
def room_to_fail() -> Iterator[None]:
    """Hold the reserve while the body runs; a MemoryError frees it on its way out, so the
    handler that reports it can allocate."""
    global _reserve
    if _limited and _reserve is None:
        with suppress(MemoryError):  # a ceiling this low leaves no room to hold back: parse without
            _reserve = bytearray(RESERVE)
    try:
        yield
    except MemoryError:
        release()
        raise


def exhausted(exc: BaseException) -> bool:
    """Whether ``exc`` is the ceiling being hit: a failed allocation, in Python or in a native
    library, or a library that could not be mapped into what address space was left (the
    loader and the libraries say so only in words)."""
    if isinstance(exc, MemoryError):
        return True
    if not _limited:
        return False
    # a native library's C++ allocation failing (onnxruntime reports std::bad_alloc)
    return ("failed to map" if isinstance(exc, ImportError) else "bad_alloc") in str(exc)


def release() -> None:
    """Give the reserve back (the last resort of a run that is out of memory)."""
    global _reserve
    _reserve = None
