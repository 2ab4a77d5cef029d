"""The loader pipeline: files -> documents -> model -> rules -> diagnostics.

Like beancount's loader, each stage collects its problems and the next stage
goes on with what loaded, so the user sees every problem of the school in one
run, never only the first.

    discover  find the .yaml files and their roles (layout.py)
    parse     bytes -> values with positions (load/source.py, cached by content)
    schema    JSON Schema conformance of each document (load/schemas.py)
    build     documents -> immutable School (load/build.py)
    rules     School -> diagnostics (rules/)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aptui.diagnostics import Diagnostic, Loc, error, sorted_diagnostics, warning
from aptui.layout import FileRole, Kind
from aptui.load.build import SchoolBuilder
from aptui.load.cache import ParseCache, cache_file
from aptui.load.discover import find_school_files, is_school_root
from aptui.load.schemas import schema_diagnostics
from aptui.load.source import Document, content_digest, note_diagnostics, parse_source
from aptui.model.entities import School


class NotASchool(Exception):
    """The folder holds no school.yaml: a usage error, not a validation problem."""


@dataclass(slots=True)
class LoadResult:
    """A loaded school and everything said about it."""

    school: School
    documents: dict[str, Document]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def read_document(root: Path, rel_path: str, kind_role: FileRole, cache: ParseCache | None) -> Document:
    """Read, parse and schema-check one file (the per-file stages)."""
    try:
        raw = (root / rel_path).read_bytes()
    except OSError as exc:
        doc = Document(rel_path, kind_role, "")
        doc.diagnostics.append(error("APT002", f"fichier illisible : {exc.strerror}", Loc(rel_path, 0, 0)))
        return doc
    digest = content_digest(raw)
    doc = Document(rel_path, kind_role, digest)
    cached = cache.get(digest) if cache is not None else None
    if cached is not None:
        doc.data, diags = cached
        # Cached diagnostics were made for the same bytes, maybe under another name.
        doc.diagnostics = [Diagnostic(d.code, d.severity, d.message, Loc(rel_path, d.loc.line, d.loc.column))
                           for d in diags]
        return doc
    parsed, diags = parse_source(raw, rel_path)
    if parsed is not None:
        diags += note_diagnostics(parsed.notes, rel_path)
        if parsed.data is None:
            diags.append(error("APT001", "fichier vide : il doit contenir un dictionnaire YAML", Loc(rel_path, 1, 1)))
        else:
            diags += schema_diagnostics(kind_role.kind, parsed.data, rel_path)
            doc.data = parsed.data
    doc.diagnostics = diags
    if cache is not None and parsed is not None:
        cache.put(digest, (doc.data, diags))
    return doc


def load_documents(root: Path, use_cache: bool = True) -> tuple[dict[str, Document], list[Diagnostic]]:
    """Discover, parse and schema-check every school file under root."""
    if not is_school_root(root):
        raise NotASchool(str(root))
    cache = ParseCache(cache_file(root)) if use_cache else None
    documents: dict[str, Document] = {}
    diagnostics: list[Diagnostic] = []
    for source in find_school_files(root):
        if source.role is None:
            diagnostics.append(warning(
                "APT006",
                "fichier YAML inconnu de l'organisation d'une école : déplacez-le ou supprimez-le "
                "(voir docs/format.md)",
                Loc(source.path, 1, 1),
            ))
            continue
        doc = read_document(root, source.path, source.role, cache)
        documents[source.path] = doc
        diagnostics.extend(doc.diagnostics)
    if cache is not None:
        cache.save()
    return documents, diagnostics


def build_school(root: Path, documents: dict[str, Document]) -> tuple[School, list[Diagnostic]]:
    builder = SchoolBuilder(str(root))
    for doc in documents.values():
        if doc.ok:
            builder.add(doc)
    return builder.build(), builder.diagnostics


def load_school(root: Path, use_cache: bool = True, run_rules: bool = True) -> LoadResult:
    """Load a whole school and check it; raises NotASchool for a wrong folder."""
    from aptui.rules import check_school

    documents, diagnostics = load_documents(root, use_cache)
    school, build_diags = build_school(root, documents)
    diagnostics += build_diags
    if not any(doc.role.kind is Kind.SCHOOL and doc.ok for doc in documents.values()):
        diagnostics.append(error("APT102", "school.yaml illisible : corrigez-le d'abord", Loc("school.yaml", 1, 1)))
    if run_rules:
        diagnostics += check_school(school)
    return LoadResult(school, documents, sorted_diagnostics(diagnostics))
