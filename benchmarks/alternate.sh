#!/usr/bin/env bash
# Cold, no-op and one-edit builds of two commits, alternating, on copies of one corpus:
#   bash benchmarks/alternate.sh CORPUS ROUNDS OLD_COMMIT NEW_COMMIT
# CORPUS: a site from `python benchmarks/make_corpus.py --n 10000 --out CORPUS`.
# Each commit is checked out as a git worktree in a temporary folder and run with
# PYTHONPATH pointing at it. Prints one line per build:
#   commit phase wall_s user_s sys_s max_rss_kb
# Quote medians of user_s (CPU) beside wall_s: on a shared disk, sys_s varies most.
set -euo pipefail
corpus=$(realpath "$1"); rounds=$2; shift 2
work=$(mktemp -d)
trap 'for c in "$@"; do git worktree remove --force "$work/$c" 2>/dev/null || true; done; rm -rf "$work"' EXIT
for commit in "$@"; do git worktree add -q --detach "$work/$commit" "$commit"; done
for round in $(seq "$rounds"); do
  for commit in "$@"; do
    tree=$work/$commit site=$work/site-$commit out=$work/out-$commit
    rm -rf "$site" "$out"; cp -r "$corpus" "$site"; rm -rf "$site/.karriere-cache"
    for phase in cold noop edit; do
      if [ "$phase" = edit ]; then
        echo "Aktualisiert $round" >> "$(ls "$site"/content/vacancies/*.md | head -1)"
      fi
      /usr/bin/time -f "$commit $phase %e %U %S %M" -o "$work/time.txt" \
        env PYTHONPATH="$tree" PYTHONDONTWRITEBYTECODE=1 python3 "$tree/build.py" build \
        --site "$site" --out "$out" --date 2024-01-01 >/dev/null
      cat "$work/time.txt"
    done
  done
done
