"""Reading values off a page: what Extract and Leads share.

Values are copied, never written. ``candidates`` finds spans on a page's words (beside a
label, typed patterns, phrases), each with its page and boxes; ``choice`` ranks them per
field and lets a model choose only among their ids under a JSON-schema enum; ``normalise``
turns a span into a checked value (ISO date, E.164 phone, amount); ``tables`` reads line
items; ``records`` holds a field's value with where it came from; ``templates`` reads the
JSON Schema that names the fields.
"""
