"""The only package that imports PySide6: window, pages, dialogs, models, task runner."""
