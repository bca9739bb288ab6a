"""Validating, evented attributes for the project model (napari-style evented fields).

A :class:`Field` validates *before* storing and emits ``owner.changed(name, value)`` only when the
stored value really changed, so widgets bound to a field never see echo or NaN.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Generic, TypeVar, overload

T = TypeVar("T")
Validator = Callable[[str, Any], Any]


class Field(Generic[T]):
    """Descriptor for one model attribute.

    Parameters
    ----------
    default : the value before anything is set.
    validate : ``(name, value) -> value``; raises ``ValueError``/``TypeError`` on bad input and may
        normalise (e.g. int to float).
    """

    def __init__(self, default: T, validate: Validator) -> None:
        self.default = default
        self.validate = validate
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        fields = dict(getattr(owner, "_fields", {}))
        fields[name] = self
        owner._fields = fields  # type: ignore[attr-defined]

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Field[T]: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> T: ...

    def __get__(self, obj: object | None, objtype: type | None = None) -> T | Field[T]:
        if obj is None:
            return self
        return obj.__dict__.get(self.name, self.default)  # type: ignore[no-any-return]

    def __set__(self, obj: Any, value: T) -> None:
        value = self.validate(self.name, value)
        old = obj.__dict__.get(self.name, self.default)
        if type(old) is type(value) and old == value:
            return
        obj.__dict__[self.name] = value
        obj.changed.emit(self.name, value)


def float_range(lo: float, hi: float) -> Validator:
    """Accept real numbers in [lo, hi]; reject bools, NaN and infinities."""

    def check(name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        value = float(value)
        if math.isnan(value) or not lo <= value <= hi:
            raise ValueError(f"{name} must be between {lo:g} and {hi:g}, got {value!r}")
        return value

    return check


def min_float(lo: float, *, inclusive: bool = True) -> Validator:
    """Accept finite real numbers above ``lo``."""

    def check(name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        value = float(value)
        ok = value >= lo if inclusive else value > lo
        if not math.isfinite(value) or not ok:
            raise ValueError(f"{name} must be {'>=' if inclusive else '>'} {lo:g}, got {value!r}")
        return value

    return check


def optional(check: Validator) -> Validator:
    """Accept None, or what ``check`` accepts."""

    def check_optional(name: str, value: Any) -> Any:
        return None if value is None else check(name, value)

    return check_optional


def boolean(name: str, value: Any) -> bool:
    """Accept real bools only (a stray 0/1 from a widget is a bug worth seeing)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {type(value).__name__}")
    return value


def optional_text(name: str, value: Any) -> str | None:
    return None if value is None else text(name, value)


def choice(*options: str) -> Validator:
    def check(name: str, value: Any) -> str:
        if value not in options:
            raise ValueError(f"{name} must be one of {', '.join(options)}, got {value!r}")
        return str(value)

    return check
