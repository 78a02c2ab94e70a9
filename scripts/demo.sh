#!/usr/bin/env bash
# The main job on the bundled seeds: install what is missing, build tupu,
# build the knowledge graph of seeds/ into ./tupu-store, answer two saved
# queries and render the entity graph to seeds.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo build --release --locked -p tupu
tupu=target/release/tupu
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then tupu="$CARGO_TARGET_DIR/release/tupu"; fi
rm -rf tupu-store
"$tupu" build seeds/
echo "== companies and where they are" >&2
"$tupu" query --name companies-in-parks
echo "== targets by place and year" >&2
"$tupu" query --name targets-by-place
"$tupu" dot -o seeds.dot
dot -Tsvg seeds.dot -o seeds.svg
echo "wrote seeds.svg" >&2
