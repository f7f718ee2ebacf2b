#!/usr/bin/env bash
# The medians of throughput.sh's repeats: one row per endpoint and client count (rps, p50, p99 in ms), plus the
# load average during the runs. Usage: eng/load/median.sh results.txt
set -euo pipefail
awk '
function sum(list,   n, a, i, t) { n = split(list, a, " "); t = 0; for (i = 1; i <= n; i++) t += a[i]; return t }
function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^(nonce|issue|verify) clients=/ {
    key = $1 " " $2
    if (!(key in seen)) { seen[key] = 1; order[++count] = key }
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[key, kv[1]] = v[key, kv[1]] " " kv[2] }
}
END {
    printf "| endpoint | clients | requests/s | p50 ms | p99 ms | load average (1 min) | runs | unexpected answers | reused bodies | socket errors (2 s timeouts) | non-2xx/3xx (wrk; /verify expects 409) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for (k = 1; k <= count; k++) {
        key = order[k]; split(key, p, " "); sub("clients=", "", p[2])
        n = split(v[key, "rps"], tmp, " ")
        printf "| /%s | %s | %.0f | %.1f | %.0f | %.0f | %d | %d | %d | %d | %s |\n", p[1], p[2], median(v[key, "rps"]), median(v[key, "p50_ms"]), median(v[key, "p99_ms"]), median(v[key, "load"]), n, sum(v[key, "unexpected"]), sum(v[key, "reused"]), sum(v[key, "socket_errors"]), ((key, "non2xx") in v) ? sum(v[key, "non2xx"]) : "-"
    }
}' "$1"
