"""« Proposer les groupes »: the proposal of the solver, which the pilote accepts, edits or rejects.

Edits are the pilote's wishes given back to the solver: the capacity of the groups (min, max),
the type of the students without need, and students kept in a group (« garder X dans G »); each
recomputes the proposal at once.  Accepting returns the edit command (one commit); rejecting
(Échap) writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from aptui import vocab as v
from aptui.plan.proposal import Proposal, ProposalRefused
from aptui.plan.service import propose
from aptui.plan.sources import Settings
from aptui.tui import labels as L
from aptui.tui.data.context import SchoolContext
from aptui.tui.data.proposal import GROUP, ProposalRow, group_choices, proposal_rows
from aptui.tui.dialogs.base import Field, FormDialog
from aptui.tui.widgets.field_input import FormInput

PROFILE_DEFAULT = "-"
"""The default-type choice that means « by the student's profile »."""


class ProposalDialog(ModalScreen[Any]):
    """The proposal as a table; dismisses with an ApplyProposal command, or None when rejected."""

    BINDINGS = [
        Binding("ctrl+s", "accept", L.PROPOSAL_ACCEPT, id="proposal.accept"),
        Binding("escape", "reject", L.PROPOSAL_REJECT, id="proposal.reject"),
        Binding("g", "pin", L.KEY_PROPOSAL_PIN, id="proposal.pin"),
        Binding("G", "unpin", L.KEY_PROPOSAL_UNPIN, id="proposal.unpin"),
        Binding("r", "recompute", L.KEY_PROPOSAL_RECOMPUTE, id="proposal.recompute"),
        Binding("c", "capacity", L.KEY_PROPOSAL_CAPACITY, id="proposal.capacity"),
    ]

    def __init__(self, ctx: SchoolContext, year: str, period: str, barrette: str | None, from_period: str | None,
                 proposal: Proposal) -> None:
        super().__init__()
        self.ctx = ctx
        """The open school (the proposal is computed from its model, nothing is written here)."""
        self.where = (year, period, barrette, from_period)
        """(year, period, barrette or None, the period the groups come from or None)."""
        self.proposal = proposal
        """The proposal shown."""
        self.rows: list[ProposalRow] = []
        """The rows of the table, in order."""

    def compose(self) -> ComposeResult:
        _, period, barrette, source = self.where
        heading = (L.PROPOSAL_NEXT.format(period=period, source=source) if source
                   else L.PROPOSAL_FIRST.format(period=period, barrette=barrette))
        chosen = self.proposal.settings
        with Vertical(classes="dialog proposal-dialog"):
            yield Label(L.PROPOSAL_TITLE.format(heading), classes="dialog-title")
            with Horizontal(id="proposal-bar", classes="toolbar"):
                yield Label(L.PROPOSAL_MIN)
                yield FormInput(str(chosen.minimum), id="proposal-min", compact=True, type="integer")
                yield Label(L.PROPOSAL_MAX)
                yield FormInput(str(chosen.maximum), id="proposal-max", compact=True, type="integer")
                if not source:
                    yield Label(L.PROPOSAL_DEFAULT)
                    options = [(L.PROPOSAL_DEFAULT_PROFILE, PROFILE_DEFAULT)] + [
                        (label, value) for value, label in v.CONTENT_TYPE_LABELS.items()]
                    yield Select(options, value=chosen.default_type or PROFILE_DEFAULT, allow_blank=False,
                                 id="proposal-default", compact=True)
            yield Static("", id="proposal-summary")
            yield Static(L.PROPOSAL_HELP, id="proposal-help")
            yield DataTable(id="proposal-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="proposal-detail")
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(L.PROPOSAL_ACCEPT, id="accept", variant="primary", compact=True)
                yield Button(L.PROPOSAL_RECOMPUTE, id="recompute", compact=True)
                yield Button(L.PROPOSAL_REJECT, id="reject", compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#proposal-table", DataTable)
        for label in L.PROPOSAL_COLUMNS:
            table.add_column(label)
        self._show()
        table.focus()

    def _show(self) -> None:
        from aptui.plan.text import summary_line

        year = self.where[0]
        table = self.query_one("#proposal-table", DataTable)
        before = self._selected()
        self.rows = proposal_rows(self.ctx.school, year, self.proposal)
        keep = table.cursor_row
        table.clear()
        for row in self.rows:
            cells = tuple(f"[b]{c}[/b]" if row.kind == GROUP and c else c for c in row.cells)
            table.add_row(*cells, key=row.key)
        if self.rows:  # the same student (or group) stays under the cursor, wherever the proposal put them
            same = next((i for i, r in enumerate(self.rows) if before is not None and r.key == before.key), None)
            table.move_cursor(row=same if same is not None else min(keep, len(self.rows) - 1))
        summary = summary_line(self.proposal).split(" : ", 1)[-1]
        note = f"\n{L.PROPOSAL_NOT_PROVEN}" if not self.proposal.proven else ""
        self.query_one("#proposal-summary", Static).update(f"{summary}{note}")
        self.query_one("#accept", Button).disabled = not self.proposal.placed

    @on(DataTable.RowHighlighted, "#proposal-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self._selected()
        text = ""
        if row is not None and row.kind == GROUP:
            text = f"{row.cells[0]} : {row.cells[3]}"
        elif row is not None:
            text = f"{row.cells[0].strip()} ({row.cells[1]}) → {row.cells[2]} : {row.cells[3]}"
        self.query_one("#proposal-detail", Static).update(text)

    # --- the pilote's edits -----------------------------------------------------
    def _settings(self) -> Settings | None:
        values = []
        for wid in ("#proposal-min", "#proposal-max"):
            text = self.query_one(wid, Input).value.strip()
            if not text.isdigit():
                self._error(L.PROPOSAL_BAD_NUMBER.format(text))
                return None
            values.append(int(text))
        found = self.query("#proposal-default")
        default = None
        if found:
            chosen = found.first(Select).value
            default = None if chosen in (PROFILE_DEFAULT, Select.NULL) else str(chosen)
        return replace(self.proposal.settings, minimum=values[0], maximum=values[1], default_type=default)

    def recompute(self, settings: Settings) -> bool:
        """A new proposal with these settings (the previous one's new groups keep their names for the pins)."""
        year, period, barrette, source = self.where
        try:
            self.proposal = propose(self.ctx.school, year, period, barrette, source, settings, self.proposal)
        except ProposalRefused as exc:
            self._error(exc.message)
            return False
        self._error("")
        self._show()
        return True

    def action_capacity(self) -> None:
        """Into the minimum (Tab: the maximum; Entrée recomputes and comes back to the table)."""
        self.query_one("#proposal-min", Input).focus()

    def action_recompute(self) -> None:
        settings = self._settings()
        if settings is not None:
            self.recompute(settings)

    @on(Input.Submitted)
    def _number_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_recompute()
        self.query_one("#proposal-table", DataTable).focus()

    @on(Select.Changed, "#proposal-default")
    def _default_changed(self, event: Select.Changed) -> None:
        if self.is_mounted and self.rows:
            self.action_recompute()

    def _selected(self) -> ProposalRow | None:
        table = self.query_one("#proposal-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_pin(self) -> None:
        row = self._selected()
        if row is None or row.student is None or row.key.startswith("o:"):
            return
        student = row.student
        name = self.proposal.names.get(student, student)
        choices = tuple(group_choices(self.proposal))
        fields = [Field("group", L.FIELD_TO_GROUP, "select", row.group, choices, required=True)]

        def chosen(values: dict[str, Any] | None) -> None:
            settings = self._settings()
            if values is None or settings is None:
                return
            pins = {**settings.pins, student: values["group"]}
            if self.recompute(replace(settings, pins=pins)):
                self.notify(L.PROPOSAL_PINNED.format(name, values["group"]))

        self.app.push_screen(FormDialog(L.PROPOSAL_PIN_TITLE.format(name), fields), chosen)

    def action_unpin(self) -> None:
        row = self._selected()
        settings = self._settings()
        if row is None or row.student is None or settings is None or row.student not in settings.pins:
            return
        pins = {s: g for s, g in settings.pins.items() if s != row.student}
        if self.recompute(replace(settings, pins=pins)):
            self.notify(L.PROPOSAL_UNPINNED.format(self.proposal.names.get(row.student, row.student)))

    # --- accept or reject --------------------------------------------------------
    def action_accept(self) -> None:
        from aptui.plan.command import ApplyProposal

        settings = self._settings()
        if settings is None:
            return
        if settings != self.proposal.settings and not self.recompute(settings):
            return  # capacities typed but not applied yet: the pilote accepts what they see, recomputed first
        if not self.proposal.placed:
            return
        self.dismiss(ApplyProposal(self.proposal))

    def action_reject(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        {"accept": self.action_accept, "recompute": self.action_recompute,
         "reject": self.action_reject}.get(event.button.id or "", self.action_reject)()

    def _error(self, message: str) -> None:
        self.query_one(".dialog-error", Static).update(message)
        if message:
            self.app.bell()


def open_proposal(ctx: SchoolContext, year: str, period: str, barrette: str | None,
                  from_period: str | None) -> ProposalDialog | str:
    """The dialog on the first proposal, or the French reason why nothing can be proposed."""
    from aptui.plan.service import DEFAULT

    settings = DEFAULT
    if from_period:  # the next period keeps today's groups: their largest size is the first maximum
        sizes = [len(g.students) for g in ctx.school.years[year].groups_of(from_period)]
        settings = replace(DEFAULT, minimum=1, maximum=max([DEFAULT.maximum, *sizes]))
    try:
        proposal = propose(ctx.school, year, period, barrette, from_period, settings)
    except ProposalRefused as exc:
        return exc.message
    if not proposal.placed and not proposal.unplaced and not proposal.left_out:
        return L.PROPOSAL_NOBODY.format(period, barrette or "")
    return ProposalDialog(ctx, year, period, barrette, from_period, proposal)
