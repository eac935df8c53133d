"""Turn the ledger's values into words for pages and CSV: `show(value)` and its helpers.

They accept whatever the ledger returns (PartialDate, Quantity, Money, Decimal, dates, strings);
the JSON API needs none of this, as the ledger's objects have `to_record()`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

import pycountry

from armsledger.clean import split_url
from armsledger.models import Money, PartialDate, Quantity

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
NO_VALUE = "—"
_MONEY_TEXT = re.compile(r"(?:(?P<bound>[a-z][a-z ]*?) )?(?P<currency>[A-Z]{3}) (?P<amount>\d+(?:\.\d+)?)")
_QUANTITY_TEXT = re.compile(r"(?:(?P<bound>[a-z][a-z ]*?) )?(?P<count>\d+) (?P<unit>[a-z]+)")
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def show(value: object) -> str:
    """Return a value as an analyst reads it: `2017-09`, `at least 6 battalions`, `$2.5 billion`."""
    if value is None:
        return NO_VALUE
    if isinstance(value, str):
        return value or NO_VALUE
    if isinstance(value, PartialDate):
        return value.value
    if isinstance(value, Quantity):
        return show_quantity(value.value, value.unit, value.bound)
    if isinstance(value, Money):
        return show_money(value.amount, value.currency, value.bound)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, Mapping):
        return _show_mapping(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(show(v) for v in value) or NO_VALUE
    return str(value)


def show_quantity(count: int, unit: str, bound: str | None = None) -> str:
    """Return `at least 6 battalions` from its parts."""
    noun = unit if count == 1 or not unit else _plural(unit)
    return " ".join(part for part in (bound, str(count), noun) if part)


def show_money(amount: Decimal | float, currency: str, bound: str | None = None) -> str:
    """Return `more than $3 billion` from its parts."""
    number = Decimal(str(amount))
    scaled, word = number, ""
    for scale, name in _SCALES:
        if abs(number) >= scale:
            scaled, word = number / scale, name
            break
    sign = CURRENCY_SIGNS.get(currency)
    figure = f"{sign}{_number(scaled)}" if sign else f"{currency} {_number(scaled)}"
    return " ".join(part for part in (bound, figure, word) if part)


@lru_cache(maxsize=1024)
def state_name(code: str | None) -> str:
    """Return a state's common name for its ISO 3166-1 alpha-2 code, or the code when unknown."""
    if not code:
        return "unknown"
    found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


def is_web_url(url: str | None) -> bool:
    """Whether a URL is safe to link: http or https only (never `javascript:` or `data:`)."""
    parts = split_url(str(url).strip()) if url else None
    return parts is not None and parts.scheme.lower() in ("http", "https")


def show_figure(text: str | None) -> str:
    """Return a figure value as the ledger words it (`more than USD 3000000000`) in readable form."""
    if not text:
        return NO_VALUE
    money = _MONEY_TEXT.fullmatch(text)
    if money:
        return show_money(Decimal(money["amount"]), money["currency"], money["bound"])
    quantity = _QUANTITY_TEXT.fullmatch(text)
    if quantity:
        return show_quantity(int(quantity["count"]), quantity["unit"], quantity["bound"])
    return text


def _number(value: Decimal) -> str:
    rounded = value if value == value.to_integral_value() else value.quantize(Decimal("0.01"))
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ch", "s", "x")) else "s")


def _show_mapping(value: Mapping[str, object]) -> str:
    if "amount" in value and "currency" in value:
        return show_money(Decimal(str(value["amount"])), str(value["currency"]), _opt(value.get("bound")))
    if "value" in value and "unit" in value:
        return show_quantity(int(str(value["value"])), str(value["unit"]), _opt(value.get("bound")))
    if "value" in value:
        return show(value["value"])
    return ", ".join(f"{k}: {show(v)}" for k, v in value.items())


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
