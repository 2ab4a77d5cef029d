"""« Mes séances » (key M anywhere): the logged-in teacher's groups and their sessions of today and the days
ahead; Entrée (or a) opens the appel of the selected one (a session not recorded yet is created by the
appel's ctrl+s, on the barrette's slot).  Échap from that appel comes back here.

Who the teacher is: ``aptui.gitsync.identity.staff_id`` (the clone's ``git config aptui.staff``, or
``APTUI_STAFF``).  Unknown in a git clone: asked once (aptui/tui/dialogs/who.py), kept in that git config;
not answered, or not in staff.yaml: every group is shown, with the hint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.my_sessions import SlotRow, slots, teacher_groups
from aptui.tui.data.targets import ATTENDANCE, Target
from aptui.tui.messages import GoTo
from aptui.tui.screens.base import AptScreen

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp

MY_SESSIONS = "mes-seances"
"""The mode of the screen (not a tab: the key M and the palette open it)."""


class MySessionsScreen(AptScreen):
    """A teacher's day: the groups they take and the appels to do, one key to start each."""

    MODE = MY_SESSIONS
    FOOTER_KEYS = ("start_appel", "toggle_all")
    BINDINGS = [
        Binding("enter,a", "start_appel", L.KEY_START_APPEL),
        Binding("t", "toggle_all", L.KEY_ALL_TEACHERS),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SlotRow] = []
        """The sessions shown, in order."""
        self.show_all = False
        """Every teacher's sessions, not only mine."""
        self._asked = False
        """Whether « Qui êtes-vous ? » was asked already (once per run when not answered)."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="my-head")
        yield DataTable(id="my-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.fit_columns()

    def layout_columns(self, narrow: bool, refill: bool) -> None:
        """At 80 columns the group is its id (its title is in the head) and the day is short: « Appel » stays."""
        table = self.query_one("#my-table", DataTable)
        table.clear(columns=True)
        for key, label in zip(("when", "time", "group", "members", "appel"), L.MY_SESSIONS_COLUMNS):
            table.add_column(label, key=key)
        if refill:
            self.refresh_data()

    def focus_main(self) -> None:
        self.query_one("#my-table").focus()

    def refresh_data(self) -> None:
        ctx = self.ctx
        year, period = (ctx.year, ctx.period) if ctx.loaded else (None, None)
        head = self.query_one("#my-head", Static)
        table = self.query_one("#my-table", DataTable)
        keep = self.selected.key if self.selected else None
        table.clear()
        self.rows = []
        if year is None or period is None:
            head.update(L.NOT_LOADED if not ctx.loaded else L.MY_SESSIONS_NONE)
            return
        staff = ctx.staff_ident
        known = staff is not None and staff in ctx.school.teachers
        mine = None if self.show_all or not known else staff
        groups = teacher_groups(year, period, mine)
        self.rows = slots(ctx.analysis, year, period, groups, ctx.today)
        lines = [L.MY_SESSIONS_HEAD.format(who=ctx.teacher_name(mine) if mine else L.MY_SESSIONS_ALL,
                                           today=fmt.long_day(ctx.today))]
        if staff is None:
            lines.append(L.MY_SESSIONS_UNKNOWN)
        elif not known:
            lines.append(L.MY_SESSIONS_NOT_STAFF.format(staff))
        names = [f"{g.id} — {g.title}" + (L.MY_SESSIONS_COANIMATED if len(g.teachers) > 1 else "") for g in groups]
        listed = L.MY_SESSIONS_GROUPS if mine else L.MY_SESSIONS_ALL_GROUPS  # the whole team's are not « mes »
        lines.append(listed.format(", ".join(names)) if names else L.MY_SESSIONS_NO_GROUP)
        if not self.rows:
            lines.append(L.MY_SESSIONS_NONE)
        head.update("\n".join(lines))
        for row in self.rows:
            table.add_row(*self._cells(row), key=row.key)
        table.move_cursor(row=self._cursor_row(keep))
        if staff is None:
            self._ask_who()

    def _ask_who(self) -> None:
        """Ask once who uses the clone, and keep the answer in its git config."""
        from aptui.tui.dialogs.who import must_ask, who_dialog

        if self._asked or not must_ask(self.ctx.root):
            return
        self._asked = True

        def answered(values: dict[str, str] | None) -> None:
            if not values:
                return
            problem = self.ctx.set_staff(values["staff"])
            name = self.ctx.teacher_name(values["staff"])
            if problem is None:
                self.notify(L.WHO_SAVED.format(name))
            else:
                self.notify(L.WHO_NOT_KEPT.format(name, problem), severity="warning", timeout=10)
            self.refresh_data()

        self.app.push_screen(who_dialog(self.ctx.root), answered)

    def _cursor_row(self, keep: str | None) -> int:
        """The same session, or the next appel to take once it is done (three appels in a row: Entrée each)."""
        index = next((i for i, r in enumerate(self.rows) if r.key == keep), None)
        if index is not None and not self.rows[index].done:
            return index
        start = index + 1 if index is not None else 0
        later = [i for i, r in enumerate(self.rows) if i >= start and not r.done]
        if later:
            return later[0]
        return index if index is not None else 0

    def _cells(self, row: SlotRow) -> tuple[str | Text, ...]:
        today = self.ctx.today
        narrow = bool(self.laid_out_narrow)
        when = L.MY_SESSIONS_TODAY if row.day == today else (
            f"{fmt.WEEKDAY_NAMES[row.day.weekday()][:3]}. {row.day:%d/%m}" if narrow else fmt.long_day(row.day))
        state = (Text(L.MY_SESSIONS_DONE.format(f"{row.marked}/{row.members}"), style="green") if row.done
                 else Text(L.MY_SESSIONS_TODO, style="bold yellow" if row.day <= today else "dim"))
        return (Text(when, style="bold" if row.day == today else ""), f"{row.start}–{row.end}",
                row.group if narrow else f"{row.group} — {row.title}", str(row.members), state)

    @property
    def selected(self) -> SlotRow | None:
        table = self.query_one("#my-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected, "#my-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start_appel()

    def action_start_appel(self) -> None:
        """Open the appel of the selected session (Échap from it comes back here)."""
        row, year = self.selected, self.ctx.year
        if row is None or year is None:
            self.notify(L.MY_SESSIONS_NONE, severity="warning")
            return
        cast("AptuiApp", self.app).return_mode = MY_SESSIONS
        self.post_message(GoTo(Target(ATTENDANCE, year.id, row.period, row.group, None, row.day)))

    def action_toggle_all(self) -> None:
        """Every teacher's sessions, or only mine."""
        self.show_all = not self.show_all
        self.refresh_data()
