"""``export party-stats`` (the 党内统计 basic tables) and ``export summary`` (the 工作总结 sentences)."""

from __future__ import annotations
