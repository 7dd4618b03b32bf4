#!/usr/bin/env python3
"""Checks a FollowTheMoney JSON lines file with the `followthemoney` package itself:
every line is an entity of a known, concrete schema; FtM's schema validation passes;
FtM's cleaning leaves every value exactly as written (so nothing FraudGraph wrote is
changed by FtM tools); required properties are present; ids are valid; and every
reference names an entity of the file whose schema fits the property's range.

    python3 scripts/check-ftm.py case.ftm.json

Prints a JSON summary ({"entities": N, "bySchema": {...}, "errors": [...]}) and exits
1 when there are errors, 2 when followthemoney is not installed.
"""
import json
import sys

try:
    from followthemoney import model
    from followthemoney.exc import InvalidData
    from followthemoney.types import registry
except ImportError:
    print(json.dumps({"error": "followthemoney is not installed"}))
    sys.exit(2)

path = sys.argv[1]
errors = []
by_schema = {}
schema_of = {}
references = []


def error(line, message):
    if len(errors) < 200:
        errors.append(f"line {line}: {message}")


with open(path, encoding="utf-8") as f:
    for n, text in enumerate(f, 1):
        if not text.strip():
            continue
        data = json.loads(text)
        schema = model.get(data.get("schema"))
        if schema is None or schema.abstract:
            error(n, f"schema {data.get('schema')!r} is unknown or abstract")
            continue
        eid = data.get("id")
        if not registry.entity.validate(eid) or len(eid) > 200:
            error(n, f"id {eid!r} is not a valid FtM id")
        if eid in schema_of:
            error(n, f"id {eid!r} is used twice")
        schema_of[eid] = schema
        by_schema[schema.name] = by_schema.get(schema.name, 0) + 1
        try:
            schema.validate(data)
        except InvalidData as ex:
            error(n, f"schema validation: {ex.errors}")
        props = data.get("properties", {})
        for name in schema.required:
            if not props.get(name):
                error(n, f"{schema.name} needs {name}")
        proxy = model.get_proxy(data, cleaned=False)
        for name, values in props.items():
            prop = schema.get(name)
            if prop is None:
                error(n, f"{schema.name} has no property {name}")
                continue
            if proxy.get(name) != values:
                error(n, f"FtM cleans {name}: {values!r} -> {proxy.get(name)!r}")
            if prop.type == registry.entity:
                for v in values:
                    references.append((n, name, prop.range, v))

for n, name, rng, target in references:
    s = schema_of.get(target)
    if s is None:
        error(n, f"{name} names {target!r}, which is not in the file")
    elif rng is not None and not s.is_a(rng):
        error(n, f"{name} must be a {rng.name}, but {target!r} is a {s.name}")

print(json.dumps({"entities": len(schema_of), "bySchema": by_schema, "errors": errors}, indent=1))
sys.exit(1 if errors else 0)
