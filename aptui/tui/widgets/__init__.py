"""Reusable widgets of the TUI: they receive data and post messages, they never edit files."""
