"""Read-only queries behind the window's pages, one module per page.

Each function takes a Session and returns frozen dataclasses (never ORM objects),
so a page can show the result on the GUI thread after the session is closed.
"""
