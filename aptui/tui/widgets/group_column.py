"""One column of the group board: a group's header and its students."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from aptui import vocab as v
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.board import BoardColumn, BoardEntry


def _entry_text(entry: BoardEntry) -> Text:
    text = Text(entry.name)
    text.append(f" {entry.division}", style="dim")
    if entry.exempted:
        text.append(f" ({L.BOARD_EXEMPTED})", style="italic dim")
    if entry.arrived_from and entry.arrived_on:
        text.append("\n  " + L.BOARD_ARRIVED.format(entry.arrived_from, fmt.short_day(entry.arrived_on)),
                    style="italic cyan")
    return text


class GroupColumn(Vertical):
    """A header (id, title, type, teachers, size) above an OptionList of students."""

    def __init__(self, column: BoardColumn, teacher_names: dict[str, str], id: str | None = None,
                 keep: Callable[[str], bool] | None = None) -> None:
        classes = "group-column" + (" unassigned" if column.group is None else "")
        super().__init__(id=id, classes=classes)
        self.column = column
        """The group (None: unassigned students) and its entries."""
        self.teacher_names = teacher_names
        """teacher id -> display name, for the header."""
        self.keep = keep
        """The students shown (the screen's filter); None: every student."""

    @property
    def group_id(self) -> str | None:
        return self.column.group.id if self.column.group else None

    def header(self) -> Text:
        group = self.column.group
        size = len(self.column.entries)
        if group is None:
            return Text(f"{L.BOARD_UNASSIGNED} ({size})", style="bold")
        text = Text(f"{group.id} ({size})", style="bold")
        text.append(f"\n{group.title}", style="")
        text.append(f"\n{v.CONTENT_TYPE_LABELS.get(group.content_type, group.content_type)}", style="italic")
        names = ", ".join(self.teacher_names.get(t, t) for t in group.teachers)
        text.append(f"\n{names or L.DETAIL_NONE}", style="dim")
        return text

    def compose(self) -> ComposeResult:
        yield Static(self.header(), classes="group-header")
        yield OptionList(*self._options(), classes="group-students")

    def _options(self) -> list[Option]:
        keep = self.keep
        return [Option(_entry_text(e), id=e.student) for e in self.column.entries if keep is None or keep(e.student)]

    def filter(self, keep: Callable[[str], bool] | None) -> None:
        """Show only the students ``keep`` accepts (None: all), keeping the highlighted one if still shown."""
        self.keep = keep
        option_list = self.students
        current = self.selected_student
        option_list.clear_options()
        option_list.add_options(self._options())
        if current is not None:
            self.select(current)

    @property
    def students(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def selected_student(self) -> str | None:
        option_list = self.students
        if option_list.highlighted is None or option_list.option_count == 0:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def on_descendant_focus(self) -> None:
        """Entering a column highlights its first student, so that keys act on someone."""
        option_list = self.students
        if option_list.highlighted is None and option_list.option_count:
            option_list.highlighted = 0

    def select(self, student: str) -> bool:
        """Highlight a student if present; True when found."""
        option_list = self.students
        try:
            option_list.highlighted = option_list.get_option_index(student)
        except OptionDoesNotExist:
            return False
        return True
