#!/usr/bin/env python3
"""Validates seed files against harden's seed JSON Schema: validate-seeds.py SCHEMA FILE...

Exit 0 when every file is valid, 1 otherwise (each invalid file is named with its first error)."""
import json, sys

import jsonschema
import yaml

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
invalid = 0
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(yaml.safe_load(open(path))))
    if errors:
        invalid += 1
        print(f"{path}: {errors[0].message[:200]} at {list(errors[0].absolute_path)}")
print(f"{len(sys.argv) - 2} files, {invalid} invalid")
sys.exit(1 if invalid else 0)
