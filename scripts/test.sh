#!/usr/bin/env bash
# The test suite: install what is missing, then every crate's tests
# (unit, rule examples, CLI tests that build the seeds in a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo test --workspace --release --locked
