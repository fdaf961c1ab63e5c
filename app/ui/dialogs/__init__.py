"""Dialogs: forms a clerk fills, each with load(view), to_data() and one _connect_signals()."""
