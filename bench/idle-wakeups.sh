#!/bin/sh
# The agent idling in the tray: process wakeups (context switches of all its threads) and CPU
# time over a window, against the requests it made in that window. Not a test: figures go to
# docs/PERFORMANCE.md.
#
#   sh bench/idle-wakeups.sh [SECONDS] [--churn]     (default 300 s; a static dev realm)
#
# It runs inside its own Xvfb (with -noreset, so XSync idle counts are real), a tray panel
# (trayer), a private session bus and a throwaway HOME; the dev realm listens on 127.0.0.1.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
build=${ZP_BUILD_DIR:-$root/build}
seconds=${1:-300}
churn=${2:-}
[ -x "$build/app/zulip-presence" ] || { echo "build first (cmake --build build)" >&2; exit 2; }

. bench/sandbox.sh # (the cd above made the repository the working directory)
export BENCH_SECONDS="$seconds" BENCH_CHURN="$churn" BENCH_WORK="$work" BENCH_BUILD="$build"

dbus-run-session -- xvfb-run -a -s "$xvfb_options" sh -c '
set -eu
trayer --edge top --align right --widthtype request --height 28 & tray=$!
static=--static; [ "$BENCH_CHURN" = "--churn" ] && static=
"$BENCH_BUILD/tests/devrealm/zulip-devrealm" --port 0 --users 40 $static \
    --write-zuliprc "$BENCH_WORK/zuliprc" --log-requests "$BENCH_WORK/requests.jsonl" \
    > "$BENCH_WORK/realm.out" 2>/dev/null & realm=$!
for _ in $(seq 100); do [ -s "$BENCH_WORK/realm.out" ] && break; sleep 0.1; done
sleep 1
# Idle after 60 s: the window sees one real idle edge, as a person stepping away would.
"$BENCH_BUILD/app/zulip-presence" --zuliprc "$BENCH_WORK/zuliprc" --idle-after 60 \
    2>"$BENCH_WORK/agent.err" & agent=$!
# Start-up (register, first report, tray docking) is not idling; Qt also retires the pool
# threads it used for start-up after 30 s.
sleep 40
# Per thread, so threads that come and go in the window are counted from their start.
switches() { for t in /proc/$agent/task/*; do echo "${t##*/} $(awk "/ctxt_switches/{s+=\$2} END{print s}" $t/status)"; done; }
cputicks() { awk "{print \$14+\$15}" /proc/$agent/stat; }
requests() { wc -l < "$BENCH_WORK/requests.jsonl"; }
switches > "$BENCH_WORK/s0"; c0=$(cputicks); r0=$(requests)
if command -v perf >/dev/null 2>&1; then
    perf stat -x, -e context-switches,task-clock -p $agent -o "$BENCH_WORK/perf" -- sleep "$BENCH_SECONDS" 2>/dev/null || sleep "$BENCH_SECONDS"
else
    sleep "$BENCH_SECONDS"
fi
switches > "$BENCH_WORK/s1"; c1=$(cputicks); r1=$(requests)
s0=0; s1=$(awk -v f="$BENCH_WORK/s0" "BEGIN{while((getline l < f)>0){split(l,a,\" \"); b[a[1]]=a[2]}} {d+=\$2-((\$1 in b)?b[\$1]:0)} END{print d}" "$BENCH_WORK/s1")
gone=$(awk -v f="$BENCH_WORK/s1" "BEGIN{while((getline l < f)>0){split(l,a,\" \"); e[a[1]]=1}} !(\$1 in e){n++} END{print n+0}" "$BENCH_WORK/s0")
threads=$(ls /proc/$agent/task | wc -l)
rss=$(awk "/VmRSS/{print \$2}" /proc/$agent/status)
hz=$(getconf CLK_TCK)
kill $agent $realm $tray 2>/dev/null || true
wait $agent 2>/dev/null || true
req=$((r1 - r0)); sw=$((s1 - s0)); cpu=$((c1 - c0))
echo "window: $BENCH_SECONDS s, realm: ${BENCH_CHURN:-static}, agent threads: $threads, VmRSS: $((rss / 1024)) MB"
echo "requests sent in the window: $req ($(grep -c presence "$BENCH_WORK/requests.jsonl") presence reports in all)"
echo "context switches (threads alive at the end; $gone thread(s) ended in the window): $sw, i.e. $(awk "BEGIN{printf \"%.1f\", $sw / ($req > 0 ? $req : 1)}") per request, $(awk "BEGIN{printf \"%.3f\", $sw / $BENCH_SECONDS}") per second"
[ -s "$BENCH_WORK/perf" ] && echo "perf stat (every thread): $(grep context-switches "$BENCH_WORK/perf" | cut -d, -f1) context switches, $(grep task-clock "$BENCH_WORK/perf" | cut -d, -f1) ms task clock"
echo "CPU time: $(awk "BEGIN{printf \"%.2f\", $cpu / $hz}") s in the window, $(awk "BEGIN{printf \"%.2f\", $cpu / $hz * 3600 / $BENCH_SECONDS}") s per hour"
'
