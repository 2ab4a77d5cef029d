"""Modal dialogs: one TextDialog base, a FormDialog for edits, and the small ones built on them."""

from aptui.tui.dialogs.base import Field, FormDialog, TextDialog
from aptui.tui.dialogs.reason import MoveChoice, ReasonDialog
from aptui.tui.dialogs.simple import ErrorDialog, UnsavedDialog, YesNoDialog

__all__ = ["ErrorDialog", "Field", "FormDialog", "MoveChoice", "ReasonDialog", "TextDialog", "UnsavedDialog", "YesNoDialog"]
