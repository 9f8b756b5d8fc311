#!/usr/bin/env bash
# Do two commits build the same bytes? Builds three sites with each commit and compares.
#
#   bash scripts/compare_builds.sh OLD_REV NEW_REV      # e.g. HEAD~1 HEAD
#
# Each commit is checked out in a temporary git worktree and runs its own build.py, with
# PYTHONPATH set to that worktree (an editable install of karriere elsewhere must not
# answer the import). The sites:
#   example  the commit's own site.yaml and content/, --date 2026-12-05
#   corpus   N vacancies from benchmarks/make_corpus.py (this checkout's), --date 2024-01-01
#   posters  the same corpus with --posters (Aushang pages and QR codes)
# The corpus is made once and copied for each build, so both commits read the same input
# and neither finds the other's .karriere-cache/: every build is cold.
#
# Prints "identical" for each site, or the files that differ (`diff -rq`) and then `diff -r`
# of the two trees. Exit status 0 only if all three are identical; 1 if any differs; 2 if
# a build or a checkout failed.
# Environment: N (default 1000), PYTHON (default python3), KEEP=1 keeps the work folder,
# DIFF_LINES (default 200) caps the differences printed per site.
set -uo pipefail

usage() { echo "usage: bash scripts/compare_builds.sh OLD_REV NEW_REV" >&2; exit 2; }
[ $# -eq 2 ] || usage
REPO=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel) || exit 2
N=${N:-1000}
PYTHON=${PYTHON:-python3}
DIFF_LINES=${DIFF_LINES:-200}
EXAMPLE_DATE=2026-12-05
CORPUS_DATE=2024-01-01
WORK=$(mktemp -d "${TMPDIR:-/tmp}/compare-builds.XXXXXX")
SIDES=(old new)
declare -A REV

cleanup() {
  for side in "${SIDES[@]}"; do
    [ -d "$WORK/$side" ] && git -C "$REPO" worktree remove --force "$WORK/$side" >/dev/null 2>&1
  done
  git -C "$REPO" worktree prune
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

fail() { echo "compare_builds: $*" >&2; exit 2; }

REV[old]=$(git -C "$REPO" rev-parse --verify --quiet "$1^{commit}") || fail "no commit $1"
REV[new]=$(git -C "$REPO" rev-parse --verify --quiet "$2^{commit}") || fail "no commit $2"
echo "old: $1 = ${REV[old]:0:10}   new: $2 = ${REV[new]:0:10}"

# checkout SIDE: a worktree of the side's commit; the web editor's files come from this
# checkout's node_modules/ when present, as the example site's admin/ copies them.
checkout() {
  local side=$1 tree=$WORK/$1
  git -C "$REPO" worktree add --detach --quiet "$tree" "${REV[$side]}" || fail "worktree $side"
  [ -d "$REPO/node_modules" ] && ln -s "$REPO/node_modules" "$tree/node_modules"
  local found
  found=$(cd "$WORK" && PYTHONPATH=$tree "$PYTHON" -c 'import karriere; print(karriere.__file__)')
  [ "$found" = "$tree/karriere/__init__.py" ] || fail "$side imports karriere from $found"
}

# build SIDE NAME SITE DATE: a cold build of SITE with the side's code into out/SIDE/NAME
build() {
  local side=$1 name=$2 site=$3 when=$4 tree=$WORK/$1
  local out=$WORK/out/$side/$name log=$WORK/logs/$side-$name.log
  mkdir -p "$WORK/out/$side" "$WORK/logs"
  if ! (cd "$tree" && PYTHONPATH=$tree PYTHONDONTWRITEBYTECODE=1 XDG_CACHE_HOME=$WORK/xdg-$side \
    "$PYTHON" "$tree/build.py" build --site "$site" --out "$out" --date "$when") >"$log" 2>&1; then
    cat "$log" >&2
    fail "the $side commit could not build $name (log above)"
  fi
}

# copy_site SIDE NAME: a private copy of a generated site for one build
copy_site() {
  cp -a "$WORK/sites/$2" "$WORK/sites/$2-$1"
  echo "$WORK/sites/$2-$1"
}

for side in "${SIDES[@]}"; do checkout "$side"; done

echo "making the corpus: $N vacancies, and again with posters"
"$PYTHON" "$REPO/benchmarks/make_corpus.py" --n "$N" --out "$WORK/sites/corpus" >/dev/null ||
  fail "make_corpus.py failed"
"$PYTHON" "$REPO/benchmarks/make_corpus.py" --n "$N" --out "$WORK/sites/posters" --posters \
  >/dev/null || fail "make_corpus.py --posters failed"

for side in "${SIDES[@]}"; do
  echo "building with $side (${REV[$side]:0:10})"
  build "$side" example "$WORK/$side" "$EXAMPLE_DATE"
  build "$side" corpus "$(copy_site "$side" corpus)" "$CORPUS_DATE"
  build "$side" posters "$(copy_site "$side" posters)" "$CORPUS_DATE"
done

status=0
for name in example corpus posters; do
  differences=$(cd "$WORK/out" && diff -r "old/$name" "new/$name")
  if [ -z "$differences" ]; then
    printf '%-8s identical (%s files)\n' "$name" "$(find "$WORK/out/old/$name" -type f | wc -l)"
  else
    status=1
    summary=$(cd "$WORK/out" && diff -rq "old/$name" "new/$name")
    printf '%-8s DIFFERENT: %s files differ or exist on one side only\n' "$name" \
      "$(printf '%s\n' "$summary" | wc -l)"
    printf '%s\n' "$summary" | sed 's/^/  /'
    printf '%s\n' "$differences" | head -n "$DIFF_LINES"
  fi
done
exit $status
