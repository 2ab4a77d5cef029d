"""The « Exporter / imprimer » dialog: a format and a file name (prefilled); dismisses with (format, path)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Select, Static

from aptui.tui import labels as L
from aptui.tui import labels_export as LX
from aptui.tui.dialogs.base import TextDialog
from aptui.tui.widgets.field_input import FormInput


class ExportDialog(TextDialog):
    # ctrl+s writes, as in every form of the app (Entrée on the format opens its list)
    BINDINGS = [Binding("ctrl+s", "submit", LX.EXPORT_WRITE, show=True, id="dialog.export-write")]

    def __init__(self, subject: str, formats: tuple[str, ...], default: Path) -> None:
        super().__init__(LX.EXPORT_TITLE.format(subject), LX.EXPORT_HINT,
                         ((LX.EXPORT_WRITE, "ok"), (L.CANCEL, "cancel")))
        self.formats = formats
        """The formats offered, the first one chosen."""
        self.default = default
        """The file proposed (its extension follows the format)."""

    def compose_body(self) -> ComposeResult:
        yield Static(self.text, classes="dialog-text")
        yield Label(LX.EXPORT_FORMAT, classes="field-label")
        options = [(LX.EXPORT_FORMAT_LABELS.get(f, f), f) for f in self.formats]
        yield Select(options, value=self.formats[0], allow_blank=False, id="export-format", compact=True)
        yield Label(LX.EXPORT_FILE, classes="field-label")
        yield FormInput(str(self.default.with_suffix("." + extension(self.formats[0]))), id="export-file", compact=True)
        yield Static("", classes="dialog-error", id="export-error")

    def initial_focus(self) -> None:
        self.query_one("#export-format", Select).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, str):
            return
        field = self.query_one("#export-file", Input)
        current = Path(field.value) if field.value.strip() else self.default
        if current.suffix.lstrip(".") in {extension(f) for f in self.formats} or not current.suffix:
            field.value = str(current.with_suffix("." + extension(event.value)))

    @on(Input.Submitted, "#export-file")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.on_button("ok")

    def action_submit(self) -> None:
        self.on_button("ok")

    def on_button(self, button_id: str) -> None:
        if button_id != "ok":
            self.dismiss(None)
            return
        fmt = self.query_one("#export-format", Select).value
        text = self.query_one("#export-file", Input).value.strip()
        error = self.query_one("#export-error", Static)
        if not text:
            error.update(LX.EXPORT_NO_FILE)
            return
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            error.update(LX.EXPORT_NO_FOLDER.format(path.parent))
            return
        self.dismiss((str(fmt), path))


def extension(fmt: str) -> str:
    return {"markdown": "md"}.get(fmt, fmt)
