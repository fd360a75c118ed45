"""Checks a careful clerk makes on identity numbers, credit codes and phone numbers.

Each `validate_*` returns the value in canonical form or raises ValueError with
a Chinese message; each `mask_*` hides the middle of a PII value for roles that
may not see it. Forms use them through `"format": "credit-code"`,
`"format": "phone"` and `"x-idNumberFor"` (see app/forms/validation.py).
"""
from app.validation.codes import validate_credit_code
from app.validation.identity import HMT_ID_TYPES, ID_TYPES, mask_id_number, validate_id_number
from app.validation.phones import mask_phone, validate_phone

__all__ = [
    "HMT_ID_TYPES", "ID_TYPES", "mask_id_number", "mask_phone", "validate_credit_code",
    "validate_id_number", "validate_phone",
]
