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
# how close to the ceiling the process must have come for any failure to count as it
NEAR = 32 << 20

_reserve: bytearray | None = None
_limit: int | None = None  # bytes, once limit_memory has set it


def limit_memory(limit: int) -> None:
    """Cap this process's address space at ``limit`` bytes: past it allocations fail
    (MemoryError) instead of the machine swapping."""
    import resource

    global _limit
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    _limit = limit if hard < 0 else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (_limit, hard))


def current_limit() -> int | None:
    """The ceiling ``limit_memory`` set in this process, in bytes (None: no ceiling)."""
    return _limit


@contextmanager
def room_to_fail() -> Iterator[None]:
    """Hold the reserve while the body runs; a MemoryError frees it on its way out, so the
    handler that reports it can allocate."""
    global _reserve
    if _limit is not None and _reserve is None:
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
    loader and the libraries say so only in words).  Near the ceiling libraries fail in
    their own ways (a codec that could not be loaded is "unknown", a C function returns
    without its MemoryError), so any failure once the process came within ``NEAR`` of it
    counts as the ceiling."""
    if isinstance(exc, MemoryError):
        return True
    if _limit is None:
        return False
    # a native library's C++ allocation failing (onnxruntime reports std::bad_alloc)
    if ("failed to map" if isinstance(exc, ImportError) else "bad_alloc") in str(exc):
        return True
    release()  # the room to read how close it came, and to report it if it did
    peak = peak_address_space()
    return peak is not None and peak >= _limit - NEAR


def peak_address_space() -> int | None:
    """The most address space this process has held, in bytes (None where the system
    does not tell: Linux's /proc gives it)."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmPeak:"):
                    return int(line.split()[1]) << 10  # kB
    except (OSError, ValueError, MemoryError):
        pass
    return None


def release() -> None:
    """Give the reserve back (the last resort of a run that is out of memory)."""
    global _reserve
    _reserve = None
