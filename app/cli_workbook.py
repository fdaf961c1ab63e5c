"""``export workbook`` (the quarterly package), ``export template`` (a higher level's own sheet) and ``consolidate``."""

from __future__ import annotations
