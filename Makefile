.PHONY: build test check fmt ci golden man

# A failed command in a pipeline fails the recipe.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c

build:
	swift build

test:
	swift test

# Regenerate both golden suites (generated specs, audit/fix fixtures) after an intended change, then review the diff.
# Recording fails the run on purpose: run `make test` afterwards to see them pass.
golden:
	HARDEN_RECORD_GOLDEN=1 swift test --filter 'GeneratorGoldenTests|AuditFixtureTests' || true
	git diff --stat -- Tests

fmt:
	swift format --in-place --recursive Sources Tests Plugins Fuzz/Sources Package.swift

# Strict: a format finding or a compiler warning in this project's code fails (dependencies' manifest warnings,
# which this project cannot fix, do not).
check:
	swift format lint --strict --recursive Sources Tests Plugins Fuzz/Sources Package.swift
	swift build --build-tests 2>&1 | tee /dev/stderr | (! grep -E -q "$(CURDIR)/(Sources|Tests|Plugins)/.*warning:")

ci:
	bash .ci/run

# Man pages of harden and harden-server, one per subcommand (`man harden.fix`), generated from the commands' own
# help by swift-argument-parser's GenerateManual plugin, into .build/man/man1 (not committed: they follow the code).
# A debug build is enough: the pages do not depend on optimisation.
man:
	swift package generate-manual --configuration debug --multi-page
	rm -rf .build/man
	mkdir -p .build/man/man1
	cp .build/plugins/GenerateManual/outputs/*/*.1 .build/man/man1/
