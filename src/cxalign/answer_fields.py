"""The fields that carry an answer's value, listed once.

Which of them a question uses is its kind's business (:mod:`cxalign.kinds`). Kept
free of imports: the workshops list counts answers from raw TOML at start-up,
before pydantic is loaded.
"""

VALUE_FIELDS = ("text", "choice", "choices", "ranking", "allocation", "value", "current", "target")
