"""Pure-Python domain: value types, code lists and rules. No Qt, no SQLAlchemy."""
