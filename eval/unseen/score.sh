#!/usr/bin/env bash
# Held-out extraction score (issue 3): builds the articles that
# eval/unseen/xwlb.tsv annotates into a temporary store, exports it as N-Quads
# and scores that with ../shared/gold/score.py. Prints the table and never
# fails on a low score (it is a measurement, not a gate); extra arguments go
# to score.py (e.g. --show-errors, --json).
#
#   TUPU=/path/to/tupu eval/unseen/score.sh [--show-errors]
#
# TUPU defaults to `cargo run --release -q --bin tupu --`.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared="${TUPU_SHARED:-$(pwd)/../shared}"
gold=eval/unseen/xwlb.tsv
read -r -a tupu <<<"${TUPU:-cargo run --release -q --bin tupu --}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t articles < <(sed -n "s|^# article: |$shared/corpus/|p" "$gold")
"${tupu[@]}" --store "$work/store" --ontology "$(pwd)/ontology" build "${articles[@]}"
"${tupu[@]}" --store "$work/store" --ontology "$(pwd)/ontology" export --format nquads -o "$work/unseen.nq"
python3 "$shared/gold/score.py" "$gold" "$work/unseen.nq" "$@"
