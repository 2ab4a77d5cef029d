"""SIECLE's ElevesSansAdresses.xml, or the ExportXML_ElevesSansAdresses.zip that holds it.

    BEE_ELEVES/PARAMETRES/UAJ, ANNEE_SCOLAIRE (2025 = 2025-2026), DATE_EXPORT
    BEE_ELEVES/DONNEES/ELEVES/ELEVE[@ELEVE_ID]: ID_NATIONAL (INE), NOM_DE_FAMILLE (older: NOM),
        PRENOM, PRENOM2, DATE_NAISS, CODE_SEXE, CODE_MEF, DATE_SORTIE
    BEE_ELEVES/DONNEES/STRUCTURES/STRUCTURES_ELEVE[@ELEVE_ID]/STRUCTURE: CODE_STRUCTURE,
        TYPE_STRUCTURE (D division, G group)
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import PurePosixPath

from aptui.imports.rows import ExportRead, ExportUnreadable, RowProblem, StudentRow
from aptui.imports.text import clean_ine, display_name, parse_day
from aptui.imports.xmltree import Node, parse_xml

KIND = "SIECLE (XML)"
EXPORT_NAME = "ElevesSansAdresses.xml"
MAX_XML_BYTES = 200 * 1024 * 1024  # a zip member larger than this is not an export of one school
DIVISION_TYPE = "D"


def read_siecle_export(raw: bytes, source: str) -> ExportRead:
    """The students of an XML export, or of the zip that holds it."""
    if raw[:4] == b"PK\x03\x04":
        member, raw = _from_zip(raw, source)
        source = f"{source} ({member})"
    return read_xml(raw, source)


def _from_zip(raw: bytes, source: str) -> tuple[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ExportUnreadable(f"{source} : archive zip illisible : téléchargez-la à nouveau depuis SIECLE") from None
    with archive:
        members = [info for info in archive.infolist() if info.filename.lower().endswith(".xml")]
        named = [info for info in members if PurePosixPath(info.filename).name.lower() == EXPORT_NAME.lower()]
        chosen = named or members
        if len(chosen) != 1:
            found = ", ".join(info.filename for info in members) or "aucun fichier XML"
            raise ExportUnreadable(f"{source} : {EXPORT_NAME} introuvable dans l'archive ({found})")
        info = chosen[0]
        if info.file_size > MAX_XML_BYTES:
            raise ExportUnreadable(f"{source} : {info.filename} fait {info.file_size} octets : trop gros pour un export")
        return info.filename, archive.read(info)


def read_xml(raw: bytes, source: str) -> ExportRead:
    root = parse_xml(raw, source)
    if root.path("DONNEES", "ELEVES") is None:
        raise ExportUnreadable(
            f"{source} : pas de DONNEES/ELEVES : ce n'est pas l'export « {EXPORT_NAME} » de SIECLE"
        )
    divisions = _divisions(root)
    rows: list[StudentRow] = []
    problems: list[RowProblem] = []
    students = root.path("DONNEES", "ELEVES")
    for node in students.findall("ELEVE") if students is not None else ():
        row = _row(node, divisions)
        if isinstance(row, RowProblem):
            problems.append(row)
        else:
            rows.append(row)
    params = root.find("PARAMETRES")
    return ExportRead(
        source=source, kind=KIND, rows=tuple(rows), problems=tuple(problems),
        year_hint=_year_hint(params), exported_on=_export_day(params),
        uai=params.child_text("UAJ") or None if params is not None else None,
    )


def _divisions(root: Node) -> dict[str, tuple[str, ...]]:
    """ELEVE_ID -> the codes of the division structures (type D) the student belongs to."""
    result: dict[str, tuple[str, ...]] = {}
    structures = root.path("DONNEES", "STRUCTURES")
    for holder in structures.findall("STRUCTURES_ELEVE") if structures is not None else ():
        codes = tuple(
            structure.child_text("CODE_STRUCTURE") for structure in holder.findall("STRUCTURE")
            if structure.child_text("TYPE_STRUCTURE") == DIVISION_TYPE and structure.child_text("CODE_STRUCTURE")
        )
        ident = holder.attrs.get("ELEVE_ID", "")
        result[ident] = result.get(ident, ()) + codes
    return result


def _row(node: Node, divisions: dict[str, tuple[str, ...]]) -> StudentRow | RowProblem:
    line = node.line
    last_name = display_name(node.child_text("NOM_DE_FAMILLE", "NOM"))
    first_name = display_name(node.child_text("PRENOM"))
    if not last_name or not first_name:
        return RowProblem(line, "élève sans nom ou sans prénom")
    who = f"{first_name} {last_name}"
    codes = divisions.get(node.attrs.get("ELEVE_ID", ""), ())
    if not codes:
        return RowProblem(line, f"{who} : aucune division (TYPE_STRUCTURE « D ») dans STRUCTURES")
    if len(set(codes)) > 1:
        return RowProblem(line, f"{who} : plusieurs divisions ({', '.join(sorted(set(codes)))})")
    try:
        ine = clean_ine(node.child_text("ID_NATIONAL"))
    except ValueError as exc:
        return RowProblem(line, f"{who} : INE « {exc} » invalide (11 chiffres ou lettres)")
    days: dict[str, date | None] = {}
    for tag in ("DATE_NAISS", "DATE_SORTIE"):
        try:
            days[tag] = parse_day(node.child_text(tag))
        except ValueError as exc:
            return RowProblem(line, f"{who} : {tag} « {exc} » n'est pas une date JJ/MM/AAAA")
    return StudentRow(
        line=line, last_name=last_name, first_name=first_name, division=codes[0], ine=ine,
        birth_date=days["DATE_NAISS"], left_on=days["DATE_SORTIE"],
    )


def _year_hint(params: Node | None) -> str | None:
    text = params.child_text("ANNEE_SCOLAIRE") if params is not None else ""
    return f"{int(text)}-{int(text) + 1}" if text.isdigit() and len(text) == 4 else None


def _export_day(params: Node | None) -> date | None:
    if params is None:
        return None
    text = params.child_text("DATE_EXPORT") or params.child_text("HORODATAGE").split(" ")[0]
    try:
        return parse_day(text)
    except ValueError:
        return None
