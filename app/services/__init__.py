"""Use cases over a Session; they return frozen dataclasses and never commit."""
