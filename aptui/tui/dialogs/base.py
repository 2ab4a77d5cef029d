"""The dialog bases: TextDialog (a title, a text, buttons) and FormDialog (typed fields)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from aptui.tui import labels as L
from aptui.tui.dates import DateError, DateFrame, parse_day, preview
from aptui.tui.typeahead import TypeAhead
from aptui.tui.widgets.field_input import FormInput
from aptui.tui.widgets.pick_select import PickSelect

ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]+$")

FieldKind = Literal["text", "date", "select", "multi", "check", "id"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form: a text, a date, an id, a choice, several choices or a checkbox."""

    name: str
    label: str
    kind: FieldKind = "text"
    value: Any = ""
    options: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs for "select" and "multi"."""
    required: bool = False


class TextDialog(ModalScreen[Any]):
    """A modal with a title, a text and buttons; Échap closes it with None."""

    BINDINGS = [Binding("escape", "cancel", L.CANCEL, show=True, id="dialog.cancel")]

    def __init__(self, title: str, text: str = "", buttons: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__()
        self.dialog_title = title
        """The first line of the dialog."""
        self.text = text
        """The message under the title."""
        self.buttons = buttons or ((L.OK, "ok"),)
        """(label, id) of the buttons, the first one is the default."""
        self.type_ahead = TypeAhead()
        """The letters typed while the dialog opens, typed in its first field once it is focused."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.dialog_title, classes="dialog-title")
            yield from self.compose_body()
            with Horizontal(classes="dialog-buttons"):
                for index, (label, button_id) in enumerate(self.buttons):
                    yield Button(label, id=button_id, variant="primary" if index == 0 else "default", compact=True)

    def compose_body(self) -> ComposeResult:
        """The content between the title and the buttons."""
        if self.text:
            yield Static(self.text, classes="dialog-text")

    def on_mount(self) -> None:
        self.initial_focus()
        # after the focus set by initial_focus (Widget.focus() is itself a call_later of the app)
        self.app.call_later(lambda: self.type_ahead.open(self.focused))

    def initial_focus(self) -> None:
        """Focus the default button."""
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        self.on_button(event.button.id or "")

    def on_button(self, button_id: str) -> None:
        """A button was pressed: by default, dismiss with its id."""
        self.dismiss(button_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormDialog(TextDialog):
    """A dialog of fields; dismisses with {name: value} (dates as date, multi as list) or None.

    ``check`` may refuse the values with a French message shown in the dialog.
    """

    BINDINGS = [Binding("ctrl+s", "submit", L.OK, show=True, id="dialog.submit")]

    def __init__(self, title: str, fields: list[Field], text: str = "",
                 check: Callable[[dict[str, Any]], str | None] | None = None) -> None:
        super().__init__(title, text, ((L.OK, "ok"), (L.CANCEL, "cancel")))
        self.fields = fields
        """The fields, in order."""
        self.check = check
        """Extra validation: returns an error message, or None when the values are fine."""
        self.date_frame: DateFrame | None = None
        """What the date fields are read against; None: the app's today and current school year."""

    def compose_body(self) -> ComposeResult:
        if self.text:
            yield Static(self.text, classes="dialog-text")
        with VerticalScroll(classes="dialog-fields", can_focus=False):
            for spec in self.fields:
                if spec.kind != "check":
                    yield Label(spec.label + (" *" if spec.required else ""), classes="field-label")
                yield self._widget(spec)
                if spec.kind == "date":
                    yield Static("", id=f"hint-{spec.name}", classes="date-hint")
        yield Static("", classes="dialog-error")

    def _widget(self, spec: Field) -> Input | Select[str] | SelectionList[str] | Checkbox:
        wid = f"field-{spec.name}"
        if spec.kind == "select":
            value = spec.value if spec.value in {v for _, v in spec.options} else Select.NULL
            return PickSelect(spec.options, value=value, allow_blank=not spec.required or value is Select.NULL,
                              prompt=L.NONE_CHOICE, id=wid, compact=True)
        if spec.kind == "multi":
            chosen = set(spec.value or ())
            return SelectionList(*[(label, value, value in chosen) for label, value in spec.options], id=wid,
                                 compact=True)
        if spec.kind == "check":
            return Checkbox(spec.label, bool(spec.value), id=wid, compact=True)
        text = spec.value.isoformat() if isinstance(spec.value, date) else str(spec.value or "")
        if spec.kind == "id" and text:  # a prefix to go on typing after (« G- »), not a value to replace
            return FormInput(text, id=wid, compact=True, select_on_focus=False)
        return FormInput(text, id=wid, compact=True)

    def initial_focus(self) -> None:
        """Focus the first field; the date fields show what their text reads as."""
        self.query(".dialog-fields > *").exclude(".field-label").exclude(".date-hint").first().focus()
        for spec in self.fields:
            if spec.kind == "date":
                self._show_date(spec.name, self.query_one(f"#field-{spec.name}", Input).value)

    def framed(self, frame: DateFrame) -> FormDialog:
        """This dialog, its dates read against ``frame`` (``JJ/MM`` in that school year)."""
        self.date_frame = frame
        return self

    def frame(self) -> DateFrame:
        """The frame of the date fields: the dialog's own, else the app's today and school year."""
        if self.date_frame is not None:
            return self.date_frame
        ctx = getattr(self.app, "ctx", None)
        make = getattr(ctx, "date_frame", None)
        return make() if callable(make) else DateFrame.around(date.today())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if any(spec.name == name and spec.kind == "date" for spec in self.fields):
            self._show_date(name, event.value)

    def _show_date(self, name: str, text: str) -> None:
        shown, good = preview(text, self.frame())
        hint = self.query_one(f"#hint-{name}", Static)
        hint.update(shown)
        hint.set_class(not good, "-bad")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button(self, button_id: str) -> None:
        if button_id == "ok":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        """Validate every field, then dismiss with the values or show what is wrong."""
        values: dict[str, Any] = {}
        for spec in self.fields:
            value, problem = self._read(spec)
            if problem:
                self._show_error(problem)
                self.query_one(f"#field-{spec.name}").focus()  # the field to mend, under the cursor
                return
            values[spec.name] = value
        problem = self.check(values) if self.check else None
        if problem:
            self._show_error(problem)
            return
        result = self.make_result(values)
        if self.accept(result):
            self.dismiss(result)

    def make_result(self, values: dict[str, Any]) -> Any:
        """What the dialog returns for valid values (the dict itself by default)."""
        return values

    def accept(self, result: Any) -> bool:
        """A last look at the result before closing (e.g. an edit that would be refused); False keeps the dialog."""
        return True

    def _read(self, spec: Field) -> tuple[Any, str | None]:
        widget = self.query_one(f"#field-{spec.name}")
        if isinstance(widget, Checkbox):
            return widget.value, None
        if isinstance(widget, SelectionList):
            chosen = list(widget.selected)
            return chosen, (required(spec.label) if spec.required and not chosen else None)
        if isinstance(widget, Select):
            value = None if widget.value is Select.NULL else widget.value
            return value, (required(spec.label) if spec.required and value is None else None)
        assert isinstance(widget, Input)
        return read_text(spec, widget.value.strip(), self.frame())

    def show_error(self, message: str) -> None:
        """Say what is wrong under the fields (the dialog stays open)."""
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.query_one(".dialog-error", Static).update(message)
        self.app.bell()


def required(label: str) -> str:
    """« Enseignants » est obligatoire: the field's label without its hint in brackets (« (plusieurs = ...) »)."""
    return L.REQUIRED.format(label.split(" (", 1)[0])


def read_text(spec: Field, text: str, frame: DateFrame) -> tuple[Any, str | None]:
    """The typed value of a text field (a date read against ``frame``), or a French error."""
    if not text:
        return (None, required(spec.label)) if spec.required else (None if spec.kind == "date" else "", None)
    if spec.kind == "date":
        try:
            return parse_day(text, frame), None
        except DateError as exc:
            return None, f"{spec.label} : {exc.message}"
    if spec.kind == "id" and not ID_PATTERN.match(text):
        return None, L.BAD_ID
    return text, None
