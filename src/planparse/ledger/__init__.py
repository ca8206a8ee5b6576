"""The task ledger (台账) built from parsed plans: one entry per task, in the forms offices use.

``entries`` turns a document into ledger entries with the columns an office keeps; ``csv``
writes them for programs, ``xlsx`` as an Excel workbook, ``db`` into a queryable SQLite file.
"""

from planparse.ledger.csv import BOM, header, rows

__all__ = ["BOM", "header", "rows"]
