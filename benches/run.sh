#!/usr/bin/env bash
# Compares the build speed of camnang with Hugo's on synthetic sites, and
# writes the results to BENCHMARKS.md at the root of the repository.
#
#   benches/run.sh                 # full run: 1000, 3000, 10000, 30000 procedures
#   QUICK=1 benches/run.sh         # smoke test: 1000 procedures, 2 runs
#
# Needs: Rust (cargo), hugo, GNU time (/usr/bin/time), awk; on Debian or
# Ubuntu `apt-get install hugo time`.
#
# Settings, all from the environment:
#   RUNS=5               timed runs of each site-alone build, and of each
#                        rebuild with print files (unchanged, one edit)
#   PRINT_RUNS=5         timed cold runs of each build with print files (slow)
#   SIZES="1000 3000 10000 30000"   procedures per generated site
#   PRINT_SIZES="1000 10000"        sizes also built with print files (empty: none)
#   SEED=42              gen_site seed: the same seed gives the same site
#   QUICK=1              only 1000 procedures, 2 runs of everything
#   CAMNANG_BIN, GEN_SITE  use these binaries instead of building them with
#                        cargo (both must be set to skip the cargo step)
#   BENCH_TMP            folder for the sites and outputs (default: /dev/shm
#                        if it has room, else $TMPDIR or /tmp)
#   BENCHMARKS_MD        where to write the report (default: BENCHMARKS.md
#                        at the repository root)
#   EDIT_SIZES="1000 10000"  sizes at which the edit-to-browser time of
#                        `camnang serve` is measured in Chromium (needs node
#                        and `npm ci` in tests/clients; empty: none)
#   EDIT_RUNS=10         edits measured at each of those sizes
#
# A "cold" run starts with no output folder (and, with print files, no
# build cache); a "rebuilt" run writes over the output of the run before,
# as a clerk's second build does. Before the timed runs of each tool and
# size comes one untimed warm-up build, which also lets camnang write the
# site's qr-lock.yaml, so that every timed run does the same work. With
# print files: cold builds, rebuilds with nothing changed, and rebuilds
# after one procedure's summary changed (a new one each run).

# The commands quoted in the report keep their "$SITE" and "$OUT" unexpanded.
# shellcheck disable=SC2016
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HUGO_PROJECT="$ROOT/benches/hugo"

RUNS="${RUNS:-5}"
PRINT_RUNS="${PRINT_RUNS:-5}"
SIZES="${SIZES:-1000 3000 10000 30000}"
PRINT_SIZES="${PRINT_SIZES-1000 10000}"
EDIT_SIZES="${EDIT_SIZES-1000 10000}"
EDIT_RUNS="${EDIT_RUNS:-10}"
SEED="${SEED:-42}"
QUICK="${QUICK:-0}"
BENCHMARKS_MD="${BENCHMARKS_MD:-$ROOT/BENCHMARKS.md}"

if [[ "$QUICK" == 1 ]]; then
    SIZES=1000
    PRINT_SIZES=1000
    EDIT_SIZES=1000
    RUNS=2
    PRINT_RUNS=2
    EDIT_RUNS=5
fi

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- Tools -------------------------------------------------------------------

command -v hugo >/dev/null || die "hugo not found (apt-get install hugo)"
if ! { [[ -x /usr/bin/time ]] && /usr/bin/time --version 2>&1 | grep -q GNU; }; then
    die "GNU time not found at /usr/bin/time (apt-get install time)"
fi
command -v awk >/dev/null || die "awk not found"

BUILT_HERE=0
if [[ -n "${CAMNANG_BIN:-}" && -n "${GEN_SITE:-}" ]]; then
    log "using CAMNANG_BIN=$CAMNANG_BIN GEN_SITE=$GEN_SITE (no cargo build)"
else
    command -v cargo >/dev/null || die "cargo not found: install Rust, or set CAMNANG_BIN and GEN_SITE"
    log "building release binaries with cargo"
    (cd "$ROOT" && cargo build --release --bin camnang --example gen_site)
    BUILT_HERE=1
    target="${CARGO_TARGET_DIR:-$ROOT/target}"
    CAMNANG_BIN="${CAMNANG_BIN:-$target/release/camnang}"
    GEN_SITE="${GEN_SITE:-$target/release/examples/gen_site}"
fi
[[ -x "$CAMNANG_BIN" ]] || die "not an executable: $CAMNANG_BIN"
[[ -x "$GEN_SITE" ]] || die "not an executable: $GEN_SITE"

# --- Work folder ---------------------------------------------------------------

# Room needed, in MB, measured on gen_site output: about 35 MB per 1000
# procedures for the site and one output folder at a time, about 220 MB
# per 1000 with print files.
need_mb=200
for n in $SIZES; do
    mb=$(( n * 35 / 1000 + 100 ))
    if (( mb > need_mb )); then need_mb=$mb; fi
done
for n in $PRINT_SIZES; do
    mb=$(( n * 220 / 1000 + 100 ))
    if (( mb > need_mb )); then need_mb=$mb; fi
done

free_mb() { df -Pm "$1" 2>/dev/null | awk 'NR == 2 { print $4 }'; }

if [[ -n "${BENCH_TMP:-}" ]]; then
    base="$BENCH_TMP"
elif [[ -d /dev/shm && -w /dev/shm ]] && (( $(free_mb /dev/shm || echo 0) >= need_mb )); then
    base=/dev/shm
else
    base="${TMPDIR:-/tmp}"
fi
(( $(free_mb "$base" || echo 0) >= need_mb )) \
    || log "warning: $base has less than the ~$need_mb MB this run needs"

WORK="$(mktemp -d "$base/camnang-bench.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

FS_TYPE="$(df -PT "$WORK" | awk 'NR == 2 { print $2 }')"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
if awk -v l="${LOAD_START%% *}" 'BEGIN { exit !(l + 0 > 0.5) }' 2>/dev/null; then
    log "warning: load average is $LOAD_START: something else is running, timings will be noisy"
fi
log "working in $WORK ($FS_TYPE, $(free_mb "$WORK") MB free, ~$need_mb MB needed)"

# The Hugo project is copied so that Hugo writes nothing into the repository.
cp -r "$HUGO_PROJECT" "$WORK/hugo"
# the same stylesheet camnang inlines into every page, as it is today (the
# Hugo project keeps no copy of its own)
cp "$ROOT/themes/default/static/style.css" "$WORK/hugo/layouts/partials/style.css"
rm -rf "$WORK/hugo/resources" "$WORK/hugo/.hugo_build.lock"

RESULTS="$WORK/results.tsv"   # size tool runs min median max peak_mb files out_mb walls
: >"$RESULTS"
EDITS="$WORK/edits.jsonl"     # one line of benches/edit_reload.mjs output per size
: >"$EDITS"
can_edit=0
if command -v node >/dev/null && [[ -d "$ROOT/tests/clients/node_modules/playwright-core" ]] \
    && [[ -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
    can_edit=1
elif [[ -n "$EDIT_SIZES" ]]; then
    log "warning: no node, tests/clients/node_modules or Chromium: edit-to-browser times are skipped"
fi

# --- Measuring -----------------------------------------------------------------

# time_once OUT CMD...: deletes OUT (unless KEEP_OUT=1), runs PREP (a
# command, untimed) if set, runs CMD, and sets LAST_S (wall seconds) and
# LAST_KB (peak resident memory). Wall time comes from the shell's
# nanosecond clock around GNU time (whose own %e has only 10 ms steps);
# peak memory is GNU time's %M.
RUN_NO=0
time_once() {
    local out="$1"; shift
    RUN_NO=$(( RUN_NO + 1 ))
    # cold: no output folder, and no spare site or stamps beside it (which
    # camnang keeps to update in place and keep unchanged pages next time)
    if [[ "${KEEP_OUT:-0}" != 1 ]]; then
        rm -rf "$out" "$(dirname "$out")/.$(basename "$out").camnang-spare" \
            "$(dirname "$out")/.$(basename "$out").camnang-stamps"
    fi
    if [[ -n "${PREP:-}" ]]; then eval "$PREP"; fi
    local t0 t1 status=0
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >"$WORK/cmd.log" 2>&1 || status=$?
    t1=$(date +%s%N)
    if (( status != 0 )); then
        log "command failed (exit $status): $*"
        cat "$WORK/cmd.log" >&2
        exit 1
    fi
    read -r _ LAST_KB <"$WORK/time.txt"
    LAST_S=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.3f", ns / 1e9 }')
}

# bench SIZE TOOL RUNS OUT CMD...: one untimed warm-up, then RUNS timed runs;
# appends a line to $RESULTS. The output of the last run is left in OUT.
bench() {
    local size="$1" tool="$2" runs="$3" out="$4"; shift 4
    local i walls="" peak=0
    if [[ "$tool" != *print* && "$tool" != *rebuilt* ]]; then
        # Hugo --quiet hides warnings too: the warm-up runs without it.
        local arg warm=()
        for arg in "$@"; do
            if [[ "$tool" != hugo || "$arg" != --quiet ]]; then warm+=("$arg"); fi
        done
        log "[$size] $tool: warm-up"
        time_once "$out" "${warm[@]}"
        if grep -qiE 'warn|error' "$WORK/cmd.log"; then
            cat "$WORK/cmd.log" >&2
            die "$tool printed warnings or errors"
        fi
    fi
    for (( i = 1; i <= runs; i++ )); do
        time_once "$out" "$@"
        log "[$size] $tool: run $i/$runs: $LAST_S s, $(( LAST_KB / 1024 )) MB"
        walls="$walls $LAST_S"
        if (( LAST_KB > peak )); then peak=$LAST_KB; fi
    done
    local files out_mb
    files=$(find "$out" -type f | wc -l)
    out_mb=$(find "$out" -type f -printf '%s\n' | awk '{ b += $1 } END { printf "%.0f", b / 1048576 }')
    tr ' ' '\n' <<<"${walls# }" | sort -n | awk -v size="$size" -v tool="$tool" -v runs="$runs" \
        -v peak="$peak" -v files="$files" -v out_mb="$out_mb" -v walls="${walls# }" '
        { v[NR] = $1 }
        END {
            med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.0f\t%d\t%d\t%s\n",
                size, tool, runs, v[1], med, v[NR], peak / 1024, files, out_mb, walls
        }' >>"$RESULTS"
}

# pages OUT: procedure pages in an output folder (CATEGORY/SLUG/index.html,
# leaving out camnang's short-link pages under q/, print pages and the
# kiosk screens of the categories).
pages() {
    find "$1" -mindepth 3 -maxdepth 3 -name index.html \
        -not -path "$1/q/*" -not -path "$1/in-an/*" -not -path "$1/kiosk/*" | wc -l
}

CAMNANG_CMD='camnang build --root "$SITE" --output "$OUT" --no-print --quiet'
PRINT_CMD='camnang build --root "$SITE" --output "$OUT" --quiet'
HUGO_CMD='hugo --source benches/hugo --contentDir "$SITE/content" --destination "$OUT" --cacheDir "$WORK/hugo-cache" --noBuildLock --quiet'

for size in $SIZES; do
    site="$WORK/site-$size"
    out="$WORK/out"
    log "[$size] generating $size procedures (seed $SEED)"
    "$GEN_SITE" "$site" --procedures "$size" --seed "$SEED" >/dev/null

    bench "$size" "camnang (site alone)" "$RUNS" "$out" \
        "$CAMNANG_BIN" build --root "$site" --output "$out" --no-print --quiet
    camnang_pages=$(pages "$out")
    KEEP_OUT=1 bench "$size" "camnang (site alone, rebuilt)" "$RUNS" "$out" \
        "$CAMNANG_BIN" build --root "$site" --output "$out" --no-print --quiet

    bench "$size" "hugo" "$RUNS" "$out" \
        hugo --source "$WORK/hugo" --contentDir "$site/content" --destination "$out" \
        --cacheDir "$WORK/hugo-cache" --noBuildLock --quiet
    hugo_pages=$(pages "$out")
    if [[ "$camnang_pages" != "$size" || "$hugo_pages" != "$size" ]]; then
        die "procedure pages: camnang $camnang_pages, hugo $hugo_pages, expected $size"
    fi

    for p in $PRINT_SIZES; do
        if [[ "$p" == "$size" ]]; then
            PREP='rm -rf "$site/.camnang-cache"' \
                bench "$size" "camnang (with print files)" "$PRINT_RUNS" "$out" \
                "$CAMNANG_BIN" build --root "$site" --output "$out" --quiet
            KEEP_OUT=1 bench "$size" "camnang (print, rebuilt unchanged)" "$RUNS" "$out" \
                "$CAMNANG_BIN" build --root "$site" --output "$out" --quiet
            # awk reads to the end: head would stop sort with SIGPIPE
            edited="$site/$(cd "$site" && find content -mindepth 2 -name '*.md' ! -name '_index*' | sort | awk 'NR == 1')"
            KEEP_OUT=1 PREP='sed -i "s/^summary: .*/summary: Bản sửa số $RUN_NO của phần tóm tắt./" "$edited"' \
                bench "$size" "camnang (print, rebuilt after one edit)" "$RUNS" "$out" \
                "$CAMNANG_BIN" build --root "$site" --output "$out" --quiet
        fi
    done
    for e in $EDIT_SIZES; do
        if [[ "$e" == "$size" && "$can_edit" == 1 ]]; then
            # awk reads to the end: head would stop sort with SIGPIPE, which pipefail makes fatal
            file="$(cd "$site" && find content -mindepth 2 -name '*.md' ! -name '_index*' | sort | awk 'NR == 1')"
            slug="$(basename "$file" .md)"
            category="$(basename "$(dirname "$file")")"
            log "[$size] camnang serve: $EDIT_RUNS edits of $file, measured in Chromium"
            node "$ROOT/benches/edit_reload.mjs" "$CAMNANG_BIN" "$site" "$file" "/$category/$slug/" "$EDIT_RUNS" \
                | sed "s/^{/{\"size\":$size,/" >>"$EDITS"
        fi
    done
    rm -rf "$site" "$out"
done

# --- Report --------------------------------------------------------------------

cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
# shellcheck disable=SC1091
os="$( (. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}") || echo unknown)"
if (( BUILT_HERE )); then
    built="built from commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [[ -n "$(git -C "$ROOT" status --porcelain -- src themes Cargo.toml Cargo.lock build.rs 2>/dev/null)" ]]; then
        built="$built with uncommitted changes"
    fi
else
    built="prebuilt binary $CAMNANG_BIN (CAMNANG_BIN)"
fi
when="$(date -u '+%Y-%m-%d %H:%M UTC')"

report="$WORK/BENCHMARKS.md"
{
    echo "# Benchmarks"
    echo
    echo "Written by \`benches/run.sh\` on $when; run it again to refresh (it overwrites this file)."
    [[ "$QUICK" == 1 ]] && echo && echo "**QUICK=1 smoke test: one size, two runs. Not for quoting.**"
    echo
    echo "## What is measured"
    echo
    echo "Builds of the same generated content (\`gen_site --seed $SEED\`) by camnang and by"
    echo "Hugo, after one untimed warm-up build of each tool. Cold runs start with no output"
    echo "folder, no spare site and no stamps beside it (and, with print files, no build cache"
    echo "\`.camnang-cache\`); \"rebuilt\" runs write over the output of the run before, keeping"
    echo "the pages and QR codes whose key did not change. \"Rebuilt after one edit\" changes one procedure's"
    echo "summary before each run (untimed). \"Site alone\" is \`camnang build --no-print\`: every HTML page (home, one page"
    echo "per category, one per procedure, 404, the kiosk), an SVG QR code and a short-link page (\`/q/ID/\`)"
    echo "per procedure, the JSON export (\`api/\`), the search index, sitemap.xml and robots.txt. The Hugo project in"
    echo "\`benches/hugo/\` renders the same pages from the same front matter with the same HTML"
    echo "structure and the same inline stylesheet (the theme's \`style.css\`, which this script copies into"
    echo "its copy of the project), but builds no QR codes, no search index, no JSON export and no"
    echo "short-link pages, so it does less work than camnang. \"With print files\" adds"
    echo "camnang's PDF posters, board sheets and flyers. Wall time is taken with the shell's"
    echo "nanosecond clock around each command; peak memory is the largest maximum resident set"
    echo "size over the runs (GNU time's \`%M\`). The ratio is Hugo's median over camnang's"
    echo "site-alone median: above 1 means camnang is faster."
    echo
    echo "## Machine"
    echo
    echo "- CPU: ${cpu:-unknown}, $(nproc) logical cores"
    echo "- Memory: ${mem:-unknown}"
    echo "- OS: $os, Linux $(uname -r)"
    echo "- Sites and outputs on: $FS_TYPE (\`$base\`)"
    echo "- Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    echo
    echo "## Versions"
    echo
    echo "- $("$CAMNANG_BIN" --version), $built"
    echo "- $(hugo version)"
    echo
    echo "## Commands"
    echo
    echo '```sh'
    echo 'gen_site "$SITE" --procedures N --seed '"$SEED"
    echo "$CAMNANG_CMD"
    echo "$PRINT_CMD"
    echo "$HUGO_CMD"
    echo '/usr/bin/time -f "%e %M" ...   # around each build, after rm -rf "$OUT"'
    echo '```'
    echo
    echo "Runs: $RUNS of each site-alone build and of each rebuild with print files, $PRINT_RUNS"
    echo "cold builds with print files."
    echo
    echo "## Results"
    echo
    echo "| procedures | tool | runs | min s | median s | max s | peak MB | output files | output MB | Hugo/camnang |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '
        { row[NR] = $0; if ($2 == "camnang (site alone)") cm[$1] = $5; if ($2 == "hugo") hm[$1] = $5 }
        END {
            for (i = 1; i <= NR; i++) {
                split(row[i], f, "\t")
                ratio = "–"
                if (f[2] == "hugo" && cm[f[1]] > 0) ratio = sprintf("%.2f×", hm[f[1]] / cm[f[1]])
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                    f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], ratio
            }
        }' "$RESULTS"
    echo
    echo "Every run, in seconds:"
    echo
    awk -F'\t' '{ printf "- %s procedures, %s: %s\n", $1, $2, $10 }' "$RESULTS"
    if [[ -s "$EDITS" ]]; then
        echo
        echo "## Editing one procedure while \`camnang serve\` runs"
        echo
        echo "\`benches/edit_reload.mjs\` opens a procedure page of the preview in Chromium, then"
        echo "$EDIT_RUNS times writes a new summary into the procedure's file and waits until the page has"
        echo "reloaded by itself and shows it. \"Rebuild\" is what the server reports for the same edit."
        echo
        echo "| procedures | edits | edit to browser ms (min / median / max) | rebuild ms (min / median / max) |"
        echo "|---:|---:|---|---|"
        python3 - "$EDITS" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    j = json.loads(line)
    e, r = j["edit_to_browser_ms"], j["server_rebuild_ms"]
    print(f"| {j['size']} | {j['runs']} | {e['min']} / {e['median']} / {e['max']} | {r['min']} / {r['median']} / {r['max']} |")
PY
    fi
} >"$report"

# sections added by hand from benches/compare.sh (from the first heading
# "## Side by side" to the end) are kept as they are
if [[ -f "$BENCHMARKS_MD" ]] && grep -q '^## Side by side' "$BENCHMARKS_MD"; then
    { echo; sed -n '/^## Side by side/,$p' "$BENCHMARKS_MD"; } >>"$report"
fi
cp "$report" "$BENCHMARKS_MD"
log "wrote $BENCHMARKS_MD"
column -t -s $'\t' "$RESULTS" >&2 2>/dev/null || cat "$RESULTS" >&2
