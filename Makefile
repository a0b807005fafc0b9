.PHONY: build test check fmt ci golden

build:
	swift build

test:
	swift test

# Regenerate the golden files after an intended change, then review the diff.
golden:
	HARDEN_RECORD_GOLDEN=1 swift test --filter GeneratorGoldenTests

fmt:
	swift format --in-place --recursive Sources Tests Plugins Package.swift

check:
	swift format lint --recursive Sources Tests Plugins Package.swift
	swift build 2>&1 | tee /dev/stderr | (! grep -q "warning:")

ci:
	bash .ci/run
