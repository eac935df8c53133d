"""Words for unnamed arms, shared by the rules that look for them (general English, no names)."""
from __future__ import annotations

GENERIC_ARMS = (r"military\s+hardware|arms|weapons|weaponry|armaments|military\s+equipment|"
                r"defen[cs]e\s+equipment")
"""Arms named by no type at all ("Russian military hardware", "weapons"): a regex alternation."""
