"""7b: the web application over a ledger (`armsledger serve`). Read-only by default."""
from __future__ import annotations

from armsledger.web.app import create_app

__all__ = ["create_app"]
