"""Errors the domain raises; views, API and CLI turn them into messages naming the field."""

from __future__ import annotations


class DomainError(Exception):
    """Bad input or a broken rule, with the field (or path) it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class NotPermitted(DomainError):
    """The acting user may not do this; the message says why."""


class ImmutableRecord(DomainError):
    """A recorded decision, approval or approved minute cannot be changed or deleted."""


class PathError(ValueError):
    """Bad input to a calculation, located by a path into what was given (`areas[3].population`)."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.message = message
        self.path = path

    @property
    def field(self) -> str:
        return self.path


class LocatedError(ValueError):
    """Input that cannot be taken, located by the file (path), line or field it is in."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = self.path or self.field or ""
        if where and self.line is not None:
            return f"{where}, line {self.line}: {self.message}"
        if where:
            return f"{where}: {self.message}"
        return self.message
