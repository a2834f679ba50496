"""Money as people read it on a page: pounds, thousands separators and pence.

Amounts arrive as integer pence or as ``Decimal`` pounds; floats are refused
because a float cannot hold most sums of money exactly.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal

_ONE = Decimal(1)


def format_pence(pence: int) -> str:
    """Write integer pence as pounds, e.g. 123456 -> '£1,234.56'."""
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise TypeError(f"an amount in pence must be an int, not {type(pence).__name__}")
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def format_pounds(amount: Decimal | int) -> str:
    """Write an amount in pounds to the nearest penny, halves rounded away from zero."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(
            f"an amount in pounds must be a Decimal or an int, not {type(amount).__name__}"
        )
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"an amount in pounds must be finite, not {value}")
    pence = int((value * 100).quantize(_ONE, rounding=ROUND_HALF_UP))
    return format_pence(pence)
