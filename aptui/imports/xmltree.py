"""A small XML tree with line numbers, parsed by defusedxml's SAX reader.

ElementTree forgets where an element was; a row that cannot be imported
must be reported with its line.  defusedxml refuses entity expansion,
external entities and DTD tricks (an export is data from outside).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml.sax
from defusedxml import DefusedXmlException

from aptui.imports.rows import ExportUnreadable


@dataclass(slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.text_parts).strip()

    def find(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def child_text(self, *tags: str) -> str:
        """The text of the first child among ``tags`` that exists (older exports use other names)."""
        for tag in tags:
            child = self.find(tag)
            if child is not None:
                return child.text
        return ""

    def path(self, *tags: str) -> Node | None:
        node: Node | None = self
        for tag in tags:
            node = node.find(tag) if node is not None else None
        return node


class _Builder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self._stack: list[Node] = []
        self._locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 - SAX's name
        self._locator = locator

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802
        line = self._locator.getLineNumber() if self._locator is not None else 0
        node = Node(name, dict(attrs.items()), line or 0)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name: str) -> None:  # noqa: N802
        self._stack.pop()

    def characters(self, content: str) -> None:
        if self._stack:
            self._stack[-1].text_parts.append(content)


def parse_xml(raw: bytes, source: str) -> Node:
    """The tree of an XML file; ExportUnreadable (French, with the line) when it is not well-formed."""
    builder = _Builder()
    try:
        defusedxml.sax.parse(io.BytesIO(raw), builder, forbid_dtd=True)
    except SAXParseException as exc:
        raise ExportUnreadable(
            f"{source}:{exc.getLineNumber()}:{exc.getColumnNumber()}: XML illisible ({exc.getMessage()}) : "
            "le fichier est-il complet ? refaites l'export depuis SIECLE"
        ) from None
    except DefusedXmlException as exc:
        raise ExportUnreadable(
            f"{source} : XML refusé ({type(exc).__name__}) : un export SIECLE ne déclare ni DTD ni entités"
        ) from None
    if builder.root is None:
        raise ExportUnreadable(f"{source} : fichier XML vide")
    return builder.root
