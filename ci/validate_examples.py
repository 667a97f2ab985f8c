"""Validates every example source against the JSON Schema `gongwen schema` prints
(schema/source.schema.json): what an editor's YAML language server checks while typing."""
import json
import pathlib
import sys

import jsonschema
import yaml

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "schema/source.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sorted((root / "examples").glob("*.yaml")):
    errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
    for e in errors:
        print(f"{path.name}: {'/'.join(map(str, e.path))}: {e.message}")
    bad += len(errors)
    print(f"{'FAIL' if errors else 'PASS'} {path.name}")
# And the schema must refuse what gongwen refuses: an unknown key.
if not list(validator.iter_errors({"title": "t", "bdy": []})):
    print("FAIL the schema accepts an unknown key")
    bad += 1
sys.exit(1 if bad else 0)
