#!/usr/bin/env bash
# Held-out extraction score (issue 3): builds the articles that a gold file
# (default eval/unseen/xwlb.tsv) annotates into a temporary store, exports it
# as N-Quads and scores that with ../shared/gold/score.py. Prints the table
# and never fails on a low score (it is a measurement, not a gate); extra
# arguments go to score.py (e.g. --show-errors, --json).
#
#   TUPU=/path/to/tupu eval/unseen/score.sh [--gold FILE] [--show-errors]
#   GOLD=eval/unseen/xwlb-2.tsv eval/unseen/score.sh   # the same as --gold
#
# TUPU defaults to `cargo run --release -q --bin tupu --`. xwlb-2.tsv is the
# final measurement set: score it, never tune on its errors (README.md).
set -euo pipefail
caller=$(pwd)
gold="${GOLD:-}"
if [[ "${1:-}" == --gold ]]; then
  [[ $# -ge 2 ]] || { echo "score.sh: --gold needs a file" >&2; exit 2; }
  gold=$2
  shift 2
fi
cd "$(dirname "$0")/../.."
shared="${TUPU_SHARED:-$(pwd)/../shared}"
if [[ -z "$gold" ]]; then
  gold=$(pwd)/eval/unseen/xwlb.tsv
elif [[ "$gold" != /* ]]; then
  gold=$caller/$gold
fi
[[ -f "$gold" ]] || { echo "score.sh: gold file not found: $gold" >&2; exit 2; }
read -r -a tupu <<<"${TUPU:-cargo run --release -q --bin tupu --}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t articles < <(sed -n "s|^# article: |$shared/corpus/|p" "$gold")
"${tupu[@]}" --store "$work/store" --ontology "$(pwd)/ontology" build "${articles[@]}"
"${tupu[@]}" --store "$work/store" --ontology "$(pwd)/ontology" export --format nquads -o "$work/unseen.nq"
python3 "$shared/gold/score.py" "$gold" "$work/unseen.nq" "$@"
