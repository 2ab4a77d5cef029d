"""View models of the TUI: plain data computed from the school, no widgets.

Screens ask these modules for what to show; they never walk the model
themselves, so every number on screen can be tested without a terminal.
"""
