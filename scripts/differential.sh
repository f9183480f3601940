#!/usr/bin/env bash
# The differential test's expected outputs come from CPython with numpy.
#
# Usage:
#   scripts/differential.sh [--write] [PYTHON]
#
# Runs every Tests/OptLangTests/Differential/NAME.py under PYTHON (default
# python3; it needs numpy 2.1.3, the pinned version) and compares what it
# prints with the checked-in NAME.expected, which DifferentialTests.swift
# compares with optrepl's output. Exit 1 if any differs, so CI proves that
# the expectations came from numpy. --write rewrites the .expected files instead.
set -euo pipefail
cd "$(dirname "$0")/../Tests/OptLangTests/Differential"

write=0
if [ "${1:-}" = "--write" ]; then write=1; shift; fi
PY=${1:-python3}
"$PY" -c 'import numpy, sys; v = numpy.__version__; sys.exit(0 if v == "2.1.3" else f"numpy {v}; the expectations come from numpy 2.1.3")'

status=0
for program in *.py; do
    name=${program%.py}
    out=$("$PY" "$program")
    if [ $write -eq 1 ]; then
        printf '%s\n' "$out" > "$name.expected"
        echo "wrote $name.expected"
    elif ! diff -u "$name.expected" <(printf '%s\n' "$out"); then
        echo "differential: $name.expected is not what numpy prints for $program" >&2
        status=1
    fi
done
[ $write -eq 1 ] || [ $status -ne 0 ] || echo "differential: every .expected is numpy's output"
exit $status
