"""The JSON contract is documented in the repository (docs/analysis.schema.json) and holds:
``analyze --json`` on the demo (named and anonymous) validates against it, and every field of the
result types it prints is described there."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from helpers import ROOT

from cxalign.analysis import analyze_folder
from cxalign.analysis.result import Camp, Hotspot, Person, QuestionAgreement, Verdict
from cxalign.cli import main

SCHEMA = json.loads((ROOT / "docs" / "analysis.schema.json").read_text("utf-8"))

_TYPES = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "null": lambda v: v is None,
}


def errors(value, schema, root=SCHEMA, where="$") -> list[str]:
    """A small validator for the keywords the schema uses (type, enum, properties, required,
    additionalProperties, items, minimum, maximum, $ref, oneOf) — used when jsonschema is absent."""
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return errors(value, root["$defs"][name], root, where)
    found: list[str] = []
    if "oneOf" in schema:
        matches = sum(1 for s in schema["oneOf"] if not errors(value, s, root, where))
        if matches != 1:
            found.append(f"{where}: matches {matches} of oneOf")
        return found
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_TYPES[t](value) for t in types):
            return found + [f"{where}: {value!r} is not {types}"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{where}: missing {key!r}")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                found += errors(item, props[key], root, f"{where}.{key}")
            elif extra is False:
                found.append(f"{where}: unexpected {key!r}")
            elif isinstance(extra, dict):
                found += errors(item, extra, root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += errors(item, schema["items"], root, f"{where}[{i}]")
    return found


def validate(data) -> list[str]:
    try:
        import jsonschema
    except ImportError:
        return errors(data, SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_validator_notices_errors():
    good = {"label": "aligned", "status": "aligned", "apart": [], "apart_count": 0, "definition_hotspot": False,
            "camps": 0, "sentence": {"fr": "x", "en": "y"}}
    verdict = SCHEMA["$defs"]["verdict"]
    assert errors(good, verdict) == []
    assert errors({**good, "label": "fine"}, verdict)
    assert errors({**good, "extra": 1}, verdict)
    assert errors({k: v for k, v in good.items() if k != "apart"}, verdict)
    index = SCHEMA["$defs"]["question"]["properties"]["index"]
    assert errors(1.5, index) and errors("0.5", index) and errors(None, index) == []


@pytest.mark.parametrize("anonymous", [False, True])
def test_analyze_json_on_the_demo_validates(demo_folder, capsys, anonymous):
    if anonymous:
        import tomllib

        import tomli_w

        path = demo_folder.path / "workshop.toml"
        data = tomllib.loads(path.read_text("utf-8"))
        data["anonymous"] = True
        path.write_text(tomli_w.dumps(data), "utf-8")
    assert main(["analyze", str(demo_folder.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert validate(data) == []
    assert data["workshop"]["anonymous"] is anonymous
    if anonymous:
        assert data["alignment"]["people"] == []


def test_schema_describes_every_field_of_the_result_types():
    defs = SCHEMA["$defs"]

    def fields(cls) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    assert fields(QuestionAgreement) <= set(defs["question"]["properties"])
    assert fields(Hotspot) <= set(defs["hotspot"]["properties"])
    assert fields(Camp) <= set(defs["camp"]["properties"])
    # a person's definition fields are grouped under "definition"
    person = set(defs["person"]["properties"]) | set(defs["person"]["properties"]["definition"]["properties"])
    assert fields(Person) <= person
    # the verdict's index is alignment.overall
    assert fields(Verdict) - {"index"} <= set(defs["verdict"]["properties"])


def test_unreadable_response_is_left_out_and_said(demo_folder, capsys):
    """Issue 9 item 4: one broken response never blocks the analysis; it is named, with why."""
    broken = sorted((demo_folder.path / "responses").glob("*.toml"))[0]
    broken.write_text("this is = = not toml", "utf-8")
    a = analyze_folder(demo_folder)
    assert [Path(u.path).name for u in a.unreadable] == [broken.name]
    assert a.unreadable[0].participant == broken.stem and a.unreadable[0].reason
    assert broken.stem not in a.respondents
    assert main(["analyze", str(demo_folder.path), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert validate(data) == []
    assert [Path(u["path"]).name for u in data["unreadable"]] == [broken.name]
    assert broken.name in captured.err
    assert main(["analyze", str(demo_folder.path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "WARNING: 1 unreadable response(s) left out" in out and broken.name in out
