"""State names for the web, from the ledger's gazetteer: `RU` reads `Russia`, and `Russia` finds `RU`."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from armsledger.errors import GazetteerError
from armsledger.web.present import state_name as iso_name

log = logging.getLogger("armsledger.web")


class StateNames:
    """Look up state names and codes, loading the gazetteer on first use."""

    def __init__(self, load: Callable[[], Any]) -> None:  # Any: a Gazetteers, duck-typed
        """Args: load returns the gazetteers (with `.states`: code -> entry with name, names, demonyms)."""
        self._load = load
        self._names: dict[str, str] | None = None
        self._codes: dict[str, str] = {}

    def _ensure(self) -> dict[str, str]:
        if self._names is None:
            names: dict[str, str] = {}
            try:
                states = self._load().states
            except GazetteerError as err:
                log.warning("state names fall back to ISO 3166: %s", err)
                states = {}
            for code, entry in states.items():
                names[code] = entry.name
                for word in (entry.name, *getattr(entry, "names", ()), *getattr(entry, "demonyms", ())):
                    self._codes.setdefault(word.casefold(), code)
            self._names = names
        return self._names

    def load(self) -> None:
        """Load the gazetteer now rather than on the first lookup."""
        self._ensure()

    def name(self, code: str | None) -> str:
        """Return the state's name for its code (`Russia` for `RU`), or the code when unknown."""
        if not code:
            return "unknown"
        return self._ensure().get(code.upper()) or iso_name(code)

    def code(self, text: str) -> str:
        """Return the code for a state's name, demonym or code (`Russia`, `russian`, `ru` -> `RU`).

        Text that names no state comes back unchanged: as a filter it then matches nothing.
        """
        names = self._ensure()
        if text.upper() in names:
            return text.upper()
        return self._codes.get(text.casefold(), text)
