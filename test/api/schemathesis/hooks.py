"""Schemathesis hooks for dermclaims (loaded by test/api/schemathesis.test.ts).

- Signs webhook requests the way an EHR does, so that generated visit documents get past the
  signature check and reach validation, storage and the workflow start. Only a request carrying the
  placeholder that schemathesis.toml configures as the `ehrSignature` credential is signed: probes
  without the header, or with a deliberately wrong value, are sent as they are and must get 401.
- Moves valid generated dates of a visit document into the window the server accepts (a date of
  service in the last few years, birth before it), which JSON Schema cannot express; otherwise
  nearly every generated document would stop at the date checks. Only values that already match
  the schema are moved, so a deliberately invalid document stays invalid.
- Gives generated NPIs (ten digits, as the schema says) a valid check digit (Luhn with the 80840
  prefix), which JSON Schema cannot express either; other values are left as they are.
"""

import datetime
import hashlib
import hmac
import json
import os
import re
import time

import schemathesis
from schemathesis.core import NotSet

SIGNATURE_HEADER = "X-Dermclaims-Signature"
PLACEHOLDER = "sign-me"
_signed = set()


def _raw_body(case):
    if isinstance(case.body, NotSet):
        return b""
    if isinstance(case.body, (bytes, bytearray)):
        return bytes(case.body)
    # The bytes sent are the bytes signed: serialise here and pass them as the request data.
    return json.dumps(case.body).encode("utf-8")


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    if headers.get(SIGNATURE_HEADER) != PLACEHOLDER:
        return
    body = _raw_body(case)
    timestamp = str(int(time.time()))
    secret = os.environ["DERMCLAIMS_WEBHOOK_SECRET"].encode("utf-8")
    digest = hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    case.headers[SIGNATURE_HEADER] = f"t={timestamp},v1={digest}"
    kwargs["data"] = body
    _signed.add(id(case))


@schemathesis.hook
def after_call(context, case, response):
    # Cases are replayed (shrinking, probes): put the placeholder back so the next call is signed afresh.
    if id(case) in _signed:
        _signed.discard(id(case))
        case.headers[SIGNATURE_HEADER] = PLACEHOLDER


VISIT_OPERATIONS = {"/v1/webhooks/visit-completed", "/v1/coding/preview"}
CALENDAR_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEN_DIGITS = re.compile(r"^\d{10}$")


def _with_npi_check_digit(value):
    """The NPI made of the first nine digits and the check digit they call for."""
    digits = [int(c) for c in "80840" + value[:9]]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return value[:9] + str((10 - total % 10) % 10)


def _valid_npis(node):
    """Every string under a key ending in "npi" (any case) that has NPI shape, given its check digit."""
    if isinstance(node, list):
        for item in node:
            _valid_npis(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.lower().endswith("npi") and isinstance(value, str) and TEN_DIGITS.match(value):
                node[key] = _with_npi_check_digit(value)
            else:
                _valid_npis(value)


def _days(seed, modulo):
    return int.from_bytes(hashlib.sha256(str(seed).encode("utf-8")).digest()[:4], "big") % modulo


def _recent(value, today):
    return (today - datetime.timedelta(days=1 + _days(value, 5 * 365))).isoformat()


def _born_before(value, day):
    born = datetime.date.fromisoformat(day) - datetime.timedelta(days=_days(value, 100 * 365))
    return born.isoformat()


def _is_date(value):
    return isinstance(value, str) and CALENDAR_DATE.match(value) is not None


@schemathesis.hook
def map_body(context, body):
    if context.operation is None or context.operation.path not in VISIT_OPERATIONS or not isinstance(body, dict):
        return body
    today = datetime.date.today()
    service = body.get("dateOfService")
    if _is_date(service):
        service = body["dateOfService"] = _recent(service, today)
        if isinstance(body.get("completedAt"), str) and "T" in body["completedAt"]:
            body["completedAt"] = f"{service}T12:00:00Z"
    else:
        service = today.isoformat()
    _valid_npis(body)
    for person in (body.get("patient"), (body.get("coverage") or {}).get("subscriber") if isinstance(body.get("coverage"), dict) else None):
        if isinstance(person, dict) and _is_date(person.get("dateOfBirth")):
            person["dateOfBirth"] = _born_before(person["dateOfBirth"], service)
    return body
