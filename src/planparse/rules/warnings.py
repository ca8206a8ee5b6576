"""The warning catalogue: every code a document's ``warnings`` can carry, what it tells the
reader, its fixed wording when it has one, and how it weighs on ``confidence``.

Code raises a warning by its member (``WarningCode.NUMBERING_GAP``), so a misspelt code is an
import or mypy error rather than a new code nobody documented; ``planparse warnings`` prints
this table.
"""

from __future__ import annotations

from enum import Enum

LOWERED_BY = 0.1  # confidence taken off for each warning that lowers it
SUSPECT_CONFIDENCE = 0.3  # the most a reading in doubt keeps, whatever else


class Effect(Enum):
    """How a warning weighs on the document's confidence."""

    NONE = "none"  # it describes the document, not a doubt about the reading
    LOWERS = "lowers"  # the reading may be wrong here: LOWERED_BY off, each time
    SUSPECT = "suspect"  # the whole reading is in doubt: at most SUSPECT_CONFIDENCE


class WarningCode(str, Enum):
    """A warning code, its member value as it appears in the output."""

    effect: Effect
    meaning: str  # one line for users: what the warning says of their document
    message: str | None  # the fixed wording; None when the message names what it found

    def __new__(cls, code: str, effect: Effect, meaning: str, message: str | None = None
                ) -> WarningCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.effect, member.meaning, member.message = effect, meaning, message
        return member

    def __str__(self) -> str:  # the code, in f-strings too, on every Python version
        return self.value

    @property
    def wording(self) -> str:
        """The fixed message of a code that has one."""
        if self.message is None:
            raise ValueError(f"warning {self.value} has no fixed wording")
        return self.message

    # the outline
    NUMBERING_GAP = (
        "numbering_gap", Effect.LOWERS,
        "an item's number skips ahead of the item before it: an item may be missing or misread")
    NUMBERING_REPEAT = (
        "numbering_repeat", Effect.LOWERS,
        "an item repeats the number of the item before it: the outline may be misread")
    REPEATED_LABEL = (
        "repeated_label", Effect.LOWERS,
        "a table cell repeats the label of the row above with another number: read as one merged cell")
    UNREAD_TEXT = (
        "unread_text", Effect.NONE,
        "another outline follows the plan's closing lines and was not read: only a file's first plan is")
    NO_TASKS = (
        "no_tasks", Effect.LOWERS,
        "no numbered outline or plan table was found: the file may not be a work plan",
        "no numbered outline or plan table was found: this may not be a work plan, or its layout"
        " was not understood")
    SECTION_WITHOUT_TASKS = (
        "section_without_tasks", Effect.NONE, "a heading has no task under it",
        "this section holds no task")
    # units and deadlines
    UNCLOSED_PARENTHETICAL = (
        "unclosed_parenthetical", Effect.LOWERS,
        "a responsibility parenthetical has no closing bracket: its units may be cut short",
        "a responsibility parenthetical is not closed")
    TASK_WITHOUT_UNITS = (
        "task_without_units", Effect.NONE, "a task names no responsible unit",
        "no responsible unit found for this task")
    DEADLINE_BEFORE_DOCUMENT = (
        "deadline_before_document", Effect.NONE,
        "a task's deadline date is earlier than the document's own date")
    # reading the file
    DOUBTFUL_ENCODING = (
        "doubtful_encoding", Effect.SUSPECT,
        "a text file decodes mostly to uncommon characters: it may be mojibake in another encoding")
    HTML_ENCODING = (
        "html_encoding", Effect.NONE,
        "an HTML page holds bytes its encoding cannot read; they were replaced")
    DOC_NO_LIST_NUMBERS = (
        "doc_no_list_numbers", Effect.NONE,
        "a .doc/.wps was read without LibreOffice: automatic list numbers may be missing",
        "the .doc/.wps was read without LibreOffice: automatic list numbers may be missing;"
        " install LibreOffice (see README) to read them")
    DOC_CONVERSION_FAILED = (
        "doc_conversion_failed", Effect.NONE,
        "LibreOffice could not convert a .doc/.wps: the Word binary was read instead")
    OFD_PAGE_MISSING = (
        "ofd_page_missing", Effect.NONE, "a page the OFD lists is missing from its package")
    OCR_NEEDED = (
        "ocr_needed", Effect.NONE,
        "a PDF page is a scanned image left unread: the OCR extra is not installed")
    OCR_EMPTY = (
        "ocr_empty", Effect.LOWERS, "OCR found nothing readable on a scanned page")
    OCR_UNCERTAIN = (
        "ocr_uncertain", Effect.LOWERS,
        "OCR was unsure of some wording on a page: check those lines against the scan")
