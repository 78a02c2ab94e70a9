#!/usr/bin/env bash
# Incremental rebuilds on the xwlb corpus (../shared/corpus/xwlb): what a
# rebuild costs next to a full build, and whether it ends where a full
# build ends.
#
#   bench/incremental.sh            the whole corpus: times a full build, a
#                                   no-op rebuild and the addition of the
#                                   last day (by `tupu build`, and by a
#                                   running `tupu watch` as it reports the
#                                   round), prints their ratios, checks the
#                                   limits (no-op <= 2 %, one day through
#                                   watch <= 1 %) and that the dumps are
#                                   equal
#   bench/incremental.sh --check N  equivalence only (for CI): builds the
#                                   first N days, adds day N+1, and compares
#                                   the N-Quads dump with a full build of
#                                   N+1 days; the same through `tupu watch`
#
# Environment: TUPU (the binary; default: built with cargo --release),
# XWLB (the corpus; default ../shared/corpus/xwlb), KEEP=1 keeps the work
# directory. Exit status 1 when a dump differs or a limit is exceeded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpus="${XWLB:-$root/../shared/corpus/xwlb}"
check_days=""
if [[ "${1:-}" == "--check" ]]; then
  check_days="${2:-7}"
fi

if [[ ! -d "$corpus" ]]; then
  echo "note: $corpus is absent; nothing to measure" >&2
  exit 0
fi
if [[ -z "${TUPU:-}" ]]; then
  cargo build --release --locked -p tupu >&2
  TUPU="${CARGO_TARGET_DIR:-$root/target}/release/tupu"
fi
work=$(mktemp -d)
if [[ "${KEEP:-}" != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi
tupu() { "$TUPU" --ontology "$root/ontology" "$@"; }

# The days of the corpus in order, and the files of each.
(cd "$corpus" && find . -name '*.md' | sed 's|^\./||' | sort) > "$work/files"
sed 's|.*/\([0-9]\{8\}\)-.*|\1|' "$work/files" | uniq > "$work/days"
day_files() { grep "/$1-" "$work/files"; }
copy_day() { # copy_day DAY DEST: the day's files under DEST, as in the corpus
  day_files "$1" | while read -r f; do
    mkdir -p "$2/$(dirname "$f")"
    cp "$corpus/$f" "$2/$f"
  done
}

# Seconds taken by a command (its stderr goes to $work/log).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" 2>>"$work/log"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

# A running `tupu watch`, its stderr in $work/watch.log.
start_watch() { # start_watch STORE TREE [OPTION…]
  local store="$1" tree="$2"
  shift 2
  : > "$work/watch.log"
  "$TUPU" --ontology "$root/ontology" --store "$store" watch --interval 0.2 "$@" "$tree" 2>"$work/watch.log" &
  watch_pid=$!
}
wait_rounds() { # wait_rounds N: until the watch has reported N rounds
  until (( $(grep -c '^built ' "$work/watch.log") >= $1 )); do
    if ! kill -0 "$watch_pid" 2>/dev/null; then
      echo "watch ended early:" >&2
      cat "$work/watch.log" >&2
      exit 1
    fi
    sleep 0.05
  done
}
stop_watch() {
  kill -INT "$watch_pid"
  wait "$watch_pid"
  cat "$work/watch.log" >> "$work/log"
}
# The seconds of the last round, as watch records it in the store.
round_seconds() { sed -n 's/.*"seconds": *\([0-9.e+-]*\).*/\1/p' "$1/tupu-last-build.json"; }

dump() { tupu --store "$1" export --format nquads --with-divisions | LC_ALL=C sort > "$2"; }

same_dumps() { # same_dumps A B: compares two stores' sorted dumps
  dump "$1" "$work/a.nq"
  dump "$2" "$work/b.nq"
  if cmp -s "$work/a.nq" "$work/b.nq"; then
    echo "dumps equal: $(wc -l < "$work/a.nq") quads"
  else
    echo "DUMPS DIFFER:" >&2
    diff "$work/a.nq" "$work/b.nq" | head -20 >&2
    return 1
  fi
}

if [[ -n "$check_days" ]]; then
  total_days=$(wc -l < "$work/days")
  if (( check_days + 1 > total_days )); then
    echo "the corpus has only $total_days days" >&2
    exit 2
  fi
  echo "== first $check_days days, then day $((check_days + 1)), against a full build"
  head -n "$check_days" "$work/days" | while read -r d; do copy_day "$d" "$work/xwlb"; done
  tupu --store "$work/incremental" build "$work/xwlb" 2>>"$work/log"
  copy_day "$(sed -n "$((check_days + 1))p" "$work/days")" "$work/xwlb"
  tupu --store "$work/incremental" build "$work/xwlb" 2>&1 | tail -1
  tupu --store "$work/full" build "$work/xwlb" 2>>"$work/log"
  same_dumps "$work/incremental" "$work/full"

  echo "== the same through a running watch"
  mkdir -p "$work/watched"
  head -n "$check_days" "$work/days" | while read -r d; do copy_day "$d" "$work/watched"; done
  copy_day "$(sed -n "$((check_days + 1))p" "$work/days")" "$work/watched/.day"
  start_watch "$work/watch" "$work/watched"
  wait_rounds 1
  mv "$work/watched/.day" "$work/watched/day" # one step: one round
  wait_rounds 2
  stop_watch
  grep '^built ' "$work/watch.log" | tail -1
  tupu --store "$work/watch-full" build "$work/watched" 2>>"$work/log"
  same_dumps "$work/watch" "$work/watch-full"
  exit 0
fi

last=$(tail -n 1 "$work/days")
echo "== corpus: $(wc -l < "$work/files") files over $(wc -l < "$work/days") days; the day added: $last ($(day_files "$last" | wc -l) files)"
echo "== copying the corpus without its last day"
cp -r "$corpus/." "$work/xwlb"
day_files "$last" | while read -r f; do rm "$work/xwlb/$f"; done
# The tree a running watch follows: the last day waits in a hidden
# directory, moved in with one rename so that one round takes it in.
cp -r "$work/xwlb" "$work/watched"
copy_day "$last" "$work/watched/.day"

echo "== the store of all days but the last (a full build)"
t_base=$(seconds tupu --store "$work/daily" build "$work/xwlb")
echo "   ${t_base}s"
cp -r "$work/daily" "$work/daily-files"

echo "== adding the last day to a running watch"
watch_day() { # watch_day STORE [OPTION…]: the round's seconds
  cp -r "$work/daily" "$1"
  start_watch "$@" # its first round finds nothing to do
  wait_rounds 1
  mv "$work/watched/.day" "$work/watched/day"
  wait_rounds 2
  stop_watch
  mv "$work/watched/day" "$work/watched/.day"
  echo "   $(grep '^built ' "$work/watch.log" | tail -1)" >&2
  round_seconds "$1"
}
t_watch=$(watch_day "$work/watch" "$work/watched")
t_watch_open=$(watch_day "$work/watch-open" "$work/watched" --keep-open)

echo "== adding the last day"
copy_day "$last" "$work/xwlb"
t_day=$(seconds tupu --store "$work/daily" build "$work/xwlb")
echo "   tupu build xwlb/ (the whole tree again): ${t_day}s; $(tail -1 "$work/log")"
mapfile -t new_files < <(day_files "$last" | sed "s|^|$work/xwlb/|")
t_day_files=$(seconds tupu --store "$work/daily-files" build "${new_files[@]}")
echo "   tupu build (the day's files only):       ${t_day_files}s; $(tail -1 "$work/log")"

echo "== no-op rebuild"
# A later rebuild: files changed less than a second before a build are
# hashed again by the next one (see crates/graph/src/file_hashes.rs).
sleep 2
t_noop=$(seconds tupu --store "$work/daily" build "$work/xwlb")
echo "   ${t_noop}s; $(tail -1 "$work/log")"

echo "== full build of every day into a new store"
t_full=$(seconds tupu --store "$work/full" build "$work/xwlb")
echo "   ${t_full}s; $(tail -1 "$work/log")"

echo "== equivalence"
same_dumps "$work/daily" "$work/full"
tupu --store "$work/daily-files" build "$work/xwlb" 2>>"$work/log" # its sources now name every file
same_dumps "$work/daily-files" "$work/full"

echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v full="$t_full" -v noop="$t_noop" -v day="$t_day" -v files="$t_day_files" \
  -v watch="$t_watch" -v watch_open="$t_watch_open" 'BEGIN {
  printf "full build            %8.2fs\n", full
  printf "no-op rebuild         %8.2fs  %6.2f%% of the full build (limit 2%%)\n", noop, 100 * noop / full
  printf "one day, whole tree   %8.2fs  %6.2f%% of the full build (limit 1%%)\n", day, 100 * day / full
  printf "one day, its files    %8.2fs  %6.2f%% of the full build\n", files, 100 * files / full
  printf "one day, tupu watch   %8.2fs  %6.2f%% of the full build (limit 1%%; the round as watch reports it)\n", watch, 100 * watch / full
  printf "  with --keep-open    %8.2fs  %6.2f%% of the full build\n", watch_open, 100 * watch_open / full
  exit !(noop <= 0.02 * full && watch <= 0.01 * full)
}'
