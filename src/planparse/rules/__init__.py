"""Rule tables: the genre's vocabulary as data, one module per table, no logic.

The tables are checked when this package is first imported (planparse.rules.check).
"""

from planparse.rules.check import check_tables

check_tables()
