#!/usr/bin/env python3
"""Validate CycloneDX 1.6 JSON documents against the official schema (offline).

Usage: validate-cyclonedx.py FILE...

The schema and the two schemas it references (SPDX license ids, JSF signatures) are the copies in
scripts/schemas/, taken from the cyclonedx-python-lib PyPI package (see schemas/SOURCES.md), so no
network is needed. Exit status: 0 when every file is valid, 1 when one is not, 2 on usage errors.
"""
import json
import pathlib
import sys

try:
    import jsonschema
    from referencing import Registry, Resource
except ImportError:  # pragma: no cover - reported to the user
    sys.stderr.write("validate-cyclonedx: python3 'jsonschema' is required (pip install jsonschema)\n")
    sys.exit(2)

SCHEMAS = pathlib.Path(__file__).resolve().parent / "schemas"
BASE = "http://cyclonedx.org/schema/"


def validator():
    registry = Registry()
    for name in ("bom-1.6.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"):
        contents = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        # Reachable both by the relative name the bom schema uses and by the schema's own $id.
        registry = registry.with_resource(BASE + name, resource)
        registry = registry.with_resource(contents.get("$id", BASE + name), resource)
    schema = json.loads((SCHEMAS / "bom-1.6.SNAPSHOT.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    check = validator()
    failed = 0
    for path in argv[1:]:
        document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        if document.get("specVersion") != "1.6":
            print(f"INVALID {path}: specVersion is {document.get('specVersion')!r}, expected '1.6'")
            failed += 1
            continue
        errors = sorted(check.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            print(f"INVALID {path}: {len(errors)} schema error(s)")
            for error in errors[:20]:
                location = "/".join(str(p) for p in error.absolute_path) or "(root)"
                print(f"  at {location}: {error.message[:300]}")
        else:
            print(f"valid   {path} ({len(document.get('components', []))} components)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
