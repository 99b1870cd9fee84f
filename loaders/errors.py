"""Errors that name what was wrong and where, so a user can fix the input."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: names the file and, where known, the row, column or clause."""

    def __init__(self, source: str, reason: str, *, row: int | None = None, column: str | None = None,
                 clause: str | None = None) -> None:
        self.source = source
        self.reason = reason
        self.row = row
        self.column = column
        self.clause = clause
        super().__init__(self.describe())

    def describe(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.clause:
            where.append(f"clause {self.clause}")
        return f"{': '.join([', '.join(where), self.reason])}"


class DocumentError(InputError):
    """A policy document that cannot be read or has no usable structure."""
