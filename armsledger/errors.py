"""The library's errors: one base class and a few subclasses, each with its exit code."""
from __future__ import annotations


class ArmsLedgerError(Exception):
    """Something armsledger cannot do; the message says what, with which value, and how to fix it."""

    exit_code = 1


class ConfigError(ArmsLedgerError):
    """A setting, option or configuration file is invalid."""

    exit_code = 2


class GazetteerError(ArmsLedgerError):
    """A gazetteer file is missing, malformed or conflicts with another."""

    exit_code = 1


class SourceError(ArmsLedgerError):
    """An input (file, line of a corpus, feed) cannot be read; the run goes on without it."""

    exit_code = 1

    def __init__(self, origin: str, reason: str) -> None:
        reason = " ".join(reason.split())  # one line, whatever a library's message held
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, str]]:
        """Pickle by origin and reason, so that an error crosses from a worker process intact."""
        return type(self), (self.origin, self.reason)


class StoreError(ArmsLedgerError):
    """The ledger's database cannot be opened, read or written."""

    exit_code = 1


class NotFound(StoreError):
    """The ledger holds no deal, article or system with the requested id."""

    exit_code = 1
