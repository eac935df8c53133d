"""The library's errors: one base class and a few subclasses, each with its exit code.

Two exit codes, the same from every command: USAGE_EXIT for what the command line or the settings
got wrong (an unknown setting or sort field, a value of the wrong type: fix the command), DATA_EXIT
for what the data holds or lacks (a missing or unreadable input, a ledger that cannot be opened).
"""
from __future__ import annotations

DATA_EXIT = 1
USAGE_EXIT = 2


class ArmsLedgerError(Exception):
    """Something armsledger cannot do; the message says what, with which value, and how to fix it."""

    exit_code = DATA_EXIT


class ConfigError(ArmsLedgerError):
    """A setting, option or configuration file is invalid."""

    exit_code = USAGE_EXIT


class GazetteerError(ArmsLedgerError):
    """A gazetteer file is missing, malformed or conflicts with another."""

    exit_code = DATA_EXIT


class SourceError(ArmsLedgerError):
    """An input (file, line of a corpus, feed) cannot be read; the run goes on without it."""

    exit_code = DATA_EXIT

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

    exit_code = DATA_EXIT


class NotFound(StoreError):
    """The ledger holds no deal, article or system with the requested id."""

    exit_code = DATA_EXIT


def exit_code(err: BaseException) -> int:
    """Return the exit status for err: its class's exit_code (ours, or click's), else DATA_EXIT."""
    code = getattr(err, "exit_code", DATA_EXIT)
    return code if isinstance(code, int) and code in (DATA_EXIT, USAGE_EXIT) else DATA_EXIT
