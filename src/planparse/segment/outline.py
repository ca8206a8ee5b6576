"""Prose outlines: markers → a tree, levels taken from the order marker styles first appear."""

from __future__ import annotations

from planparse.grammar.markers import Marker
from planparse.grammar.parenthetical import trailing
from planparse.grammar.units import Assignment, parse_parenthetical
from planparse.ir import Element, Node, Notice, Paragraph
from planparse.rules.warnings import WarningCode as W

PLAIN = "plain"  # the stack's name for an unnumbered heading
PLAIN_MAX = 25  # characters in an unnumbered heading
TITLE_SENTENCE = 25  # characters in the title sentence that opens an unnumbered item
PUNCTUATION = "。；;，,：:！？!?、"


class OutlineBuilder:
    """Feeds paragraphs in order; keeps the stack of open marker styles."""

    def __init__(self, root: Node, text: str, notices: list[Notice]) -> None:
        self.root = root
        self.text = text
        self.notices = notices
        self.stack: list[tuple[str, Node]] = []
        self.last: Node | None = None
        self.last_number: dict[str, int] = {}

    def add(self, para: Element, following: Element | None = None) -> None:
        """Read ``para``; ``following`` is the paragraph after it, if any."""
        marker = para.reading.marker
        if marker:
            self._add_item(para, marker)
        elif self.last is None:
            self.root.parts.append((para.start, para.end))
        else:
            own = _responsibility(para.reading.closing)
            if _plain_heading(para, own) and self._heads(following):
                self._add_plain_heading(para)
            else:
                self._add_paragraph(para, self.last, own)

    def _plain_depth(self) -> int:
        """How much of the stack stays above an unnumbered heading: up to the last heading,
        leaving out an unnumbered heading before it and the items read since."""
        styles = [style for style, _ in self.stack]
        depth = styles.index(PLAIN) if PLAIN in styles else len(self.stack)
        while depth and not self._heading(self.stack[depth - 1][1]):
            depth -= 1
        return depth

    def _heads(self, following: Element | None) -> bool:
        """Would the numbered line after a short line go under it (not beside its parent)?"""
        marker = following.reading.marker if isinstance(following, Paragraph) else None
        return marker is not None and marker.style not in {s for s, _ in self.stack[: self._plain_depth()]}

    def _add_plain_heading(self, para: Element) -> None:
        """An unnumbered heading over numbered items ("招生入学信息公开" between 一、 and its
        1.): a level of its own, below the heading it stands in, beside its own kind."""
        del self.stack[self._plain_depth():]
        parent = self.stack[-1][1] if self.stack else self.root
        node = parent.add(Node(None, None, None, para.start, para.end))
        self.stack.append((PLAIN, node))
        self.last = node

    def _add_item(self, para: Element, marker: Marker) -> None:
        styles = [style for style, _ in self.stack]
        if marker.style in styles:
            del self.stack[styles.index(marker.style):]
        parent = self.stack[-1][1] if self.stack else self.root
        node = Node(marker.text, marker.style, marker.number, para.start + marker.end, para.end)
        self._check_number(parent, node)
        parent.add(node)
        self.stack.append((marker.style, node))
        self.last = node

    def _check_number(self, parent: Node, node: Node) -> None:
        # the last sibling of its style, looked for from the end: it is nearly always the last
        before = next((c for c in reversed(parent.children) if c.style == node.style), None)
        previous = (before.number or 0) if before else 0  # a marker's item is numbered
        running = self.last_number.get(node.style or "", 0)
        self.last_number[node.style or ""] = node.number or 0
        if node.number in (previous + 1, running + 1) or (before is None and node.number == 1):
            return
        self.notices.append(_out_of_order(node, before, previous))

    def _add_paragraph(self, para: Element, last: Node, own: tuple[int, Assignment] | None) -> None:
        """A paragraph without a marker after item ``last``; ``own``: its responsibility
        parenthetical (where it opens, what it says)."""
        if own and para.text.startswith(("（", "(")) and own[0] == 0:
            self._add_parenthetical(last, para)
        elif own and self._heading(last) and not self._head(last).endswith("。"):
            self.last = last.add(Node(None, None, None, para.start, para.end))
        elif self._goes_on(last, para, own is not None):
            last.parts.append((para.start, para.end))  # the item goes on
        elif own:  # a paragraph with its own parenthetical after a whole item: a task
            parent = last.parent or self.root
            self.last = parent.add(Node(None, None, None, para.start, para.end))
        else:
            (last.parent or self.root).parts.append((para.start, para.end))

    def _add_parenthetical(self, last: Node, para: Element) -> None:
        """A paragraph that is a responsibility parenthetical alone."""
        if not last.parts and self._heading(last):
            last.end = para.end  # a heading's parenthetical printed on the line below it
        else:
            last.parts.append((para.start, para.end))  # a parenthetical on a line of its own

    def _goes_on(self, last: Node, para: Element, own: bool) -> bool:
        """Does ``para`` (``own``: with a parenthetical of its own) carry on item ``last``?"""
        return not _closed(self.text, last) and not (own and self._complete(last) and _titled(para.text))

    def _complete(self, node: Node) -> bool:
        """Does an item say more than its title sentence (so a paragraph after it with a
        parenthetical of its own is a task of its own, not the item's body)?"""
        end = node.parts[-1][1] if node.parts else node.end
        said = self.text[node.start:end].rstrip(" \n")
        return said.endswith("。") and "。" in said[:-1]  # not a list going on (一是…；)

    def place_heading(self, para: Paragraph) -> Node:
        """A numbered heading met among table rows: placed like a line of prose."""
        self.add(para)
        assert self.last is not None  # para has a marker, so add() made it a node
        self.last.from_table = True
        return self.last

    def _head(self, node: Node) -> str:
        return self.text[node.start: node.end]

    def heading_open(self) -> Node | None:
        """The heading just read, still waiting for what it heads (a table may follow it)."""
        last = self.last
        return last if last is not None and not last.children and self._heading(last) else None

    def _heading(self, node: Node) -> bool:
        """A numbered line that only names a topic: what follows it belongs under it."""
        head = self._head(node)
        return node.style is not None and "。" not in head.rstrip("。")


def _out_of_order(node: Node, before: Node | None, previous: int) -> Notice:
    """The notice for an item numbered neither one after the item ``before`` it at its level
    (numbered ``previous``) nor in its style's running count."""
    kind = W.NUMBERING_REPEAT if node.number == previous else W.NUMBERING_GAP
    return Notice(kind, f"item {node.marker} follows {before.marker if before is not None else 'nothing'}"
                  f" at the same level", node.start, node.end)


def _titled(text: str) -> bool:
    """Does a paragraph open like an item, with a short title sentence (加强业务培训。…)?
    (A line that merely goes on after a sentence ending at a hard wrap does not.)"""
    first = text.split("。", 1)[0]
    return len(first) <= TITLE_SENTENCE and "，" not in first and "。" in text


def _plain_heading(para: Element, own: tuple[int, Assignment] | None) -> bool:
    """A short line with no punctuation (its responsibility parenthetical ``own`` aside)."""
    words = para.text[: own[0]] if own else para.text
    return 2 <= len(words) <= PLAIN_MAX and not any(c in PUNCTUATION for c in words)


def _responsibility(found: tuple[int, str] | None) -> tuple[int, Assignment] | None:
    """Where a closing bracket group ``found`` (parenthetical.trailing) opens and what it
    says, if it is a responsibility parenthetical."""
    assignment = parse_parenthetical(found[1], None) if found else None
    return (found[0], assignment) if found and assignment is not None else None


def _closed(text: str, node: Node) -> bool:
    """An item is closed once it carries its own responsibility parenthetical naming units
    (a time alone, as in "（一）动员部署阶段（2023年3月—4月）", heads the paragraphs after it)."""
    end = node.parts[-1][1] if node.parts else node.end
    own = _responsibility(trailing(text[node.start:end]))
    return own is not None and own[1].has_units
