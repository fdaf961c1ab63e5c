"""``export stats``: the statistics report as PDF, with its charts."""

from __future__ import annotations
