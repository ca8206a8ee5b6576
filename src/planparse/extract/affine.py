"""Affine maps of the plane, as PDF and OFD write them: ``(a, b, c, d, e, f)`` takes
``(x, y)`` to ``(a x + c y + e, b x + d y + f)`` (row vectors, so maps compose left to right)."""

from __future__ import annotations

from collections.abc import Sequence

Matrix = tuple[float, float, float, float, float, float]


def compose(first: Sequence[float], then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then``."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    if B == 0 and C == 0:  # the usual case: ``then`` only scales and moves
        return (a * A, b * D, c * A, d * D, e * A + E, f * D + F)
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
