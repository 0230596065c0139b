#!/usr/bin/env bash
# Two camnang binaries side by side on one site: alternating runs, cold
# (empty output folder) and rebuilt into the existing output, with the
# min/median/max wall time and the peak memory of each. Also checks that
# both make byte-identical sites (apart from files named in IGNORE).
#
#   benches/compare.sh OLD_BIN NEW_BIN SITE_DIR [RUNS] [-- extra build args]
#
#   e.g. git worktree add /tmp/old 1e74f25 && (cd /tmp/old && cargo build --release)
#        cargo run --release --example gen_site -- /dev/shm/s10k --procedures 10000 --seed 42
#        benches/compare.sh /tmp/old/target/release/camnang target/release/camnang /dev/shm/s10k 7 -- --no-print
#
# IGNORE (a grep -E pattern, default: none) leaves paths out of the byte
# comparison, e.g. IGNORE='^api/|manifest' for files one binary adds.
set -euo pipefail
old=$1 new=$2 site=$3 runs=${4:-5}
shift $(( $# >= 4 ? 4 : 3 ))
[[ ${1:-} == -- ]] && shift
extra=("$@")
tmp=${BENCH_TMP:-$(mktemp -d /dev/shm/compare.XXXXXX 2>/dev/null || mktemp -d)}
declare -A times mem cpu
run() { # label bin out
  local t e m u s
  t=$( { /usr/bin/time -f '%e %M %U %S' "$2" build --root "$site" --output "$3" --quiet "${extra[@]}" >/dev/null; } 2>&1 | tail -1)
  read -r e m u s <<<"$t"
  times[$1]+="$e "; mem[$1]+="$m "; cpu[$1]+="$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}') "
}
# warm-up: the lock file written, both outputs present
"$old" build --root "$site" --output "$tmp/old" --quiet "${extra[@]}" >/dev/null
"$new" build --root "$site" --output "$tmp/new" --quiet "${extra[@]}" >/dev/null
diff -r <(cd "$tmp/old" && find . -type f | sort | grep -Ev "${IGNORE:-^$}" ) \
        <(cd "$tmp/new" && find . -type f | sort | grep -Ev "${IGNORE:-^$}") >/dev/null \
  || echo "note: the two builds do not hold the same files"
same=yes
while read -r f; do
  cmp -s "$tmp/old/$f" "$tmp/new/$f" || { same=no; echo "differs: $f"; }
done < <(cd "$tmp/old" && find . -type f | sed 's|^\./||' | grep -Ev "${IGNORE:-^$}")
echo "byte-identical (old's files): $same"
for ((i = 0; i < runs; i++)); do
  for b in old new; do
    bin=$old; [[ $b == new ]] && bin=$new
    # cold: no output, and no spare site or stamps beside it (as in
    # benches/run.sh)
    rm -rf "$tmp/cold-$b" "$tmp/.cold-$b.camnang-spare" "$tmp/.cold-$b.camnang-stamps"
    run "$b cold" "$bin" "$tmp/cold-$b"
    run "$b rebuild" "$bin" "$tmp/$b"
  done
done
stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s/%s/%s", a[1], m, a[NR]}'; }
# CPU time (user + system) moves less than wall time on a shared machine
printf '%-14s %-22s %-22s %s\n' "binary, build" "wall s min/median/max" "CPU s min/median/max" "peak MB min/median/max"
for k in "old cold" "new cold" "old rebuild" "new rebuild"; do
  printf '%-14s %-22s %-22s %s\n' "$k" "$(stats <<<"${times[$k]}")" "$(stats <<<"${cpu[$k]}")" "$(tr ' ' '\n' <<<"${mem[$k]}" | grep . | awk '{print int($1/1024)}' | stats)"
done
[[ -z ${BENCH_TMP:-} ]] && rm -rf "$tmp"
