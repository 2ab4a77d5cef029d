"""« Exporter / imprimer » through the real app: the bilan of a period in HTML and PDF, a student's
fiche, the dispositif as a workbook; files in the school's exports/ (ignored by git), the path said."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from sheet_reader import read_xlsx
from textual.widgets import Input, Select
from tui_support import press, running, screen_text, settle

from aptui.reports.render_pdf import find_chromium
from aptui.tui.commands import screen_entries
from aptui.tui.dialogs.export import ExportDialog


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]  # noqa: SLF001 - what the user was told


async def export(pilot, fmt: str, file: Path | None = None) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#export-format", Select).value = fmt
    await settle(pilot)
    if file is not None:
        dialog.query_one("#export-file", Input).value = str(file)
    await pilot.click("#ok")
    await settle(pilot)
    return dialog


def git_ignored(root: Path, path: Path) -> bool:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=root).returncode == 0


async def test_bilan_of_a_period_as_html_then_pdf(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "5", "E")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert "bilan de la période P2" in dialog.dialog_title
        default = Path(dialog.query_one("#export-file", Input).value)
        assert default == mini_school / "exports" / "bilan-P2-2025-2026.html"
        await export(pilot, "html")
        assert not isinstance(pilot.app.screen, ExportDialog)
        html = default.read_text(encoding="utf-8")
        assert "Bilan de la période P2" in html and "Assiduité par groupe" in html
        assert any(f"Écrit : {default.resolve()}" in n for n in notices(pilot.app))
        if find_chromium() is None:
            pytest.skip("Chromium absent : installez le paquet Debian « chromium » pour le PDF")
        await press(pilot, "E")
        dialog = await export(pilot, "pdf")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        pdf = default.with_suffix(".pdf")
        from pypdf import PdfReader

        text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
        assert "Bilan de la période P2" in text
    assert git_ignored(mini_school, default) and git_ignored(mini_school, pdf)
    assert not git_ignored(mini_school, mini_school / "school.yaml")


async def test_fiche_of_the_selected_student_and_the_file_name_follows_the_format(mini_school: Path,
                                                                                  tmp_path: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2", "E")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.formats == ("html", "pdf", "ods", "xlsx", "markdown")
        selected = pilot.app.current_main().selected_id
        assert selected
        field = dialog.query_one("#export-file", Input)
        assert Path(field.value) == mini_school / "exports" / f"fiche-{selected}-2025-2026.html"
        dialog.query_one("#export-format", Select).value = "xlsx"
        await settle(pilot)
        assert field.value.endswith(".xlsx")
        target = tmp_path / "fiche.xlsx"
        await export(pilot, "xlsx", target)
        sheets = read_xlsx(target)
        assert list(sheets) == ["Profils", "Groupes, période par période", "Heures et assiduité", "Bilans"]
        assert sheets["Profils"][0] == ["année", "division", "profil"]
        await press(pilot, "E")
        await export(pilot, "markdown", tmp_path / "fiche.md")
        assert (tmp_path / "fiche.md").read_text(encoding="utf-8").startswith("# Fiche de suivi")


async def test_dispositif_from_the_dashboard_and_errors_said(mini_school: Path, tmp_path: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "1", "E")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog) and "dispositif" in dialog.dialog_title
        dialog.query_one("#export-file", Input).value = str(tmp_path / "nowhere" / "d.html")
        await pilot.click("#ok")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExportDialog)  # refused in the dialog, said there
        assert "n'existe pas" in str(dialog.query_one("#export-error").render())
        await export(pilot, "ods", tmp_path / "d.ods")
        assert (tmp_path / "d.ods").is_file()
        await press(pilot, "E", "escape")
        assert not isinstance(pilot.app.screen, ExportDialog)


async def test_the_key_is_in_the_palette_help_and_keymap(mini_school: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"bilans.export" = "ctrl+e"\n', encoding="utf-8")
    monkeypatch.setenv("APTUI_KEYMAP", str(keymap))
    async with running(mini_school) as pilot:
        ids = set(pilot.app.binding_ids())
        assert {"students.export", "bilans.export", "dashboard.export"} <= ids
        modes = {s.key: s.mode for s in pilot.app.screen_specs}
        for key in ("1", "2", "5"):  # the dashboard, the students, the bilans
            assert "Exporter / imprimer" in [e.description for e in screen_entries(pilot.app, modes[key])]
        await press(pilot, "5", "ctrl+e")
        assert isinstance(pilot.app.screen, ExportDialog)
        await press(pilot, "escape", "question_mark")
        help_text = screen_text(pilot.app)
        assert "Exporter / imprimer" in help_text and "ctrl+e" in help_text


async def test_an_empty_school_has_nothing_to_export_from_the_students(tmp_path: Path) -> None:
    from aptui.cli.main import main
    from aptui.tui import labels_export as LX

    root = tmp_path / "vide"
    assert main(["init", str(root)]) == 0
    async with running(root) as pilot:
        await press(pilot, "2", "E")
        assert not isinstance(pilot.app.screen, ExportDialog)
        assert LX.EXPORT_NOTHING in notices(pilot.app)
        await press(pilot, "1", "E")  # the dispositif of an empty year still prints
        assert isinstance(pilot.app.screen, ExportDialog)
        await export(pilot, "html")
        written = sorted((root / "exports").glob("dispositif-*.html"))
        assert len(written) == 1 and "Évaluation du dispositif" in written[0].read_text(encoding="utf-8")


async def test_pdf_without_chromium_is_said_in_french(mini_school: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_CHROMIUM", str(tmp_path / "no-chromium"))
    async with running(mini_school) as pilot:
        await press(pilot, "5", "E")
        await export(pilot, "pdf", tmp_path / "b.pdf")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        told = " ".join(notices(pilot.app))
        assert "Export impossible" in told and "apt-get install chromium" in told
        assert not (tmp_path / "b.pdf").exists()


async def test_ctrl_s_writes_the_export_as_in_every_form(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "5", "E")
        assert isinstance(pilot.app.screen, ExportDialog)
        await press(pilot, "ctrl+s")  # from the format list, where the dialog opens
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ExportDialog)
    assert "Bilan de la période P2" in (mini_school / "exports" / "bilan-P2-2025-2026.html").read_text(encoding="utf-8")
