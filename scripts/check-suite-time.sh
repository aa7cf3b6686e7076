#!/usr/bin/env bash
# Runs the test suite (`npx vitest run`, extra arguments passed on) and reports its wall and CPU time
# (user+sys of vitest, its workers and everything they start). Exits non-zero when the suite fails or
# takes longer than SUITE_LIMIT_S seconds (default 300).
#
#   scripts/check-suite-time.sh                    # the suite on an otherwise idle machine
#   LOAD=1 scripts/check-suite-time.sh             # with one core kept busy meanwhile: the busy 2-core machine
#   SUITE_LIMIT_S=600 scripts/check-suite-time.sh tests/cli.test.ts
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

limit="${SUITE_LIMIT_S:-300}"
if [[ ! "$limit" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "check-suite-time: SUITE_LIMIT_S must be a number of seconds, got '$limit'" >&2
  exit 2
fi
load="${LOAD:-0}"

busy_pid=""
stop_busy() {
  if [[ -n "$busy_pid" ]]; then
    kill "$busy_pid" 2>/dev/null || true
    wait "$busy_pid" 2>/dev/null || true
    busy_pid=""
  fi
}
trap stop_busy EXIT
# Background processes of a script ignore Ctrl-C; these traps make sure the busy loop ends with it.
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ "$load" == 1 ]]; then
  node -e 'for (;;) {}' &
  busy_pid=$!
  echo "check-suite-time: LOAD=1, a busy loop (pid $busy_pid) keeps one core busy while the suite runs"
fi

timing="$(mktemp)"
trap 'stop_busy; rm -f "$timing"' EXIT

# Bash's `time` measures the suite's children too (vitest's workers, ffmpeg, tesseract), not the
# busy loop, which has not ended. Its report goes to $timing; the suite's own stderr to ours (fd 3).
TIMEFORMAT='%3R %3U %3S'
status=0
exec 3>&2
{ time npx vitest run "$@" 2>&3; } 2>"$timing" || status=$?
exec 3>&-
stop_busy

read -r wall user sys <"$timing"
summary="$(awk -v wall="$wall" -v user="$user" -v sys="$sys" -v limit="$limit" 'BEGIN {
  cpu = user + sys
  printf "wall %.1f s, CPU %.1f s (user %.1f + sys %.1f s, %.2f cores busy on average), limit %s s", wall, cpu, user, sys, (wall > 0 ? cpu / wall : 0), limit
}')"
load_note=""
[[ "$load" == 1 ]] && load_note=" with one core kept busy"

if [[ "$status" -ne 0 ]]; then
  echo "check-suite-time: FAILED, the suite exited $status${load_note}: $summary" >&2
  exit "$status"
fi
if awk -v wall="$wall" -v limit="$limit" 'BEGIN { exit !(wall > limit) }'; then
  echo "check-suite-time: TOO SLOW${load_note}: $summary" >&2
  exit 1
fi
echo "check-suite-time: OK${load_note}: $summary"
