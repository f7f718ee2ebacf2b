# Helpers sourced by eng/load/throughput.sh and eng/load/retries.sh.

wait_for() { # FILE WORD: the second field of FILE's line starting with WORD, once it appears
    for _ in $(seq 1 3000); do
        if line=$(grep -m1 "^$2 " "$1" 2>/dev/null); then echo "${line#* }"; return 0; fi
        sleep 0.1
    done
    echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

wrk_line() { # WRK_ARGS...: runs wrk with a post-*.lua script; prints its POD line's fields and non2xx=N, wrk's own
    # count of answers outside 2xx/3xx ("Non-2xx or 3xx responses", a line wrk prints only when there are some)
    local out pod non2xx
    out=$(wrk "$@")
    pod=$(grep '^POD ' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
    echo "${pod#POD } non2xx=${non2xx:-0}"
}
