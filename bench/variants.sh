#!/usr/bin/env bash
# Variants of Pixmesh side by side in the held Tomcat A of bench/run.sh, compared by req/s, the
# server's CPU per request and p99. For what-if questions a full run answers too slowly or too
# noisily: the variants share one JVM, and their rounds are interleaved with the ceiling's.
#
#   HOLD=1 SCENARIOS=" " bench/run.sh &                 start and hold the servers (no scenario)
#   bench/variants.sh add NAME WAR [LOGBACK_XML]        deploy WAR at /NAME (own state and log
#                                                       directory), then restart Tomcat A
#   bench/variants.sh compare SCENARIO ROUNDS SECONDS CONTEXT...
#                                                       SCENARIO: hit12, hit48 or 304; CONTEXT:
#                                                       a variant, images, default or ceiling
#
# Each variant gets target/bench/variants/NAME/{war,state,logs}; LOGBACK_XML (default: the WAR's
# own) is copied into the WAR with its access-log directory set to that logs directory, so
# variants never write one file. Changes to Tomcat A's contexts last until the held run stops.
# docs/benchmarks.md ("Where Pixmesh's CPU goes") shows what this was used for.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/bench"
run="$(readlink -f "$work/latest")"
a="$run/tomcat-a"
contexts="$a/conf/Catalina/localhost"
[ -f "$a/tomcat.pid" ] && [ -f "$a/catalina-opts" ] || {
  echo "variants: no held run in $run; start one: HOLD=1 SCENARIOS=\" \" bench/run.sh &" >&2
  exit 1
}
port="$(sed -n 's/.*port="\([0-9]*\)" address="127.0.0.1".*/\1/p' "$a/conf/server.xml" | head -1)"
hz="$(getconf CLK_TCK)"

restart() {
  CATALINA_PID="$a/tomcat.pid" CATALINA_BASE="$a" "$work/tomcat/bin/catalina.sh" stop 10 -force >/dev/null 2>&1 || true
  CATALINA_PID="$a/tomcat.pid" CATALINA_BASE="$a" CATALINA_OPTS="$(cat "$a/catalina-opts")" \
    "$work/tomcat/bin/catalina.sh" start >/dev/null
  local name
  for file in "$contexts"/*.xml; do
    name="$(basename "$file" .xml)"
    for _ in $(seq 1 90); do
      curl -fsS -o /dev/null "http://127.0.0.1:$port/$name/h/12k.jpg" 2>/dev/null && break
      sleep 1
    done
    echo "   /$name: $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/$name/h/12k.jpg")"
    # the same JIT warm-up as bench/run.sh gives every context
    wrk -t2 -c32 -d2s "http://127.0.0.1:$port/$name/h/12k.jpg" >/dev/null
  done
}

add() { # name war [logback.xml]
  local name="$1" war logback="${3:-}" dir="$work/variants/$1"
  war="$(readlink -f "$2")"
  [ -f "$war" ] || { echo "variants: no WAR at $2" >&2; exit 1; }
  [ -f "$contexts/images.xml" ] || { echo "variants: $contexts/images.xml is the template and is missing" >&2; exit 1; }
  rm -rf "$dir" && mkdir -p "$dir/war" "$dir/state" "$dir/logs"
  (cd "$dir/war" && jar xf "$war")
  [ -n "$logback" ] && cp "$logback" "$dir/war/WEB-INF/classes/logback.xml"
  sed -i "s|<property name=\"ACCESS_DIR\" value=\"[^\"]*\"/>|<property name=\"ACCESS_DIR\" value=\"$dir/logs\"/>|" \
    "$dir/war/WEB-INF/classes/logback.xml"
  grep -q "value=\"$dir/logs\"" "$dir/war/WEB-INF/classes/logback.xml" \
    || { echo "variants: no ACCESS_DIR property to point at $dir/logs in the Logback file" >&2; exit 1; }
  sed -e "s|<Context>|<Context docBase=\"$dir/war\">|" \
      -e "s|name=\"pixmesh.cache.dir\" value=\"[^\"]*\"|name=\"pixmesh.cache.dir\" value=\"$dir/state\"|" \
      "$contexts/images.xml" > "$contexts/$name.xml"
  echo "== /$name: $war${logback:+ with $logback}; restarting Tomcat A"
  restart
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$(cat "$a/tomcat.pid")/stat"; }

compare() { # scenario rounds seconds context...
  local scenario="$1" rounds="$2" secs="$3" out c r url before after text
  shift 3
  out="$(mktemp)"
  # the order reversed every other round, as bench/run.sh does
  local forward=("$@") backward=() order
  for ((r = $# - 1; r >= 0; r--)); do backward+=("${forward[$r]}"); done
  for r in $(seq 1 "$rounds"); do
    if ((r % 2 == 1)); then order=("${forward[@]}"); else order=("${backward[@]}"); fi
    for c in "${order[@]}"; do
      url="http://127.0.0.1:$port/$c/h/12k.jpg"
      local -a header=()
      case "$scenario" in
        hit12) ;;
        hit48) url="http://127.0.0.1:$port/$c/h/48k.jpg" ;;
        304) header=(-H "If-None-Match: $(curl -sS -D - -o /dev/null "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')") ;;
        *) echo "variants: unknown scenario $scenario" >&2; exit 2 ;;
      esac
      before="$(cpu_ticks)"
      text="$(wrk --latency -t2 -c32 -d"${secs}s" "${header[@]}" "$url")"
      after="$(cpu_ticks)"
      awk -v c="$c" -v ticks="$((after - before))" -v hz="$hz" '
        /requests in/ { n = $1 }
        /^Requests\/sec/ { rps = $2 }
        /^ +99%/ { p = $2; ms = p ~ /ms$/ ? p + 0 : p ~ /us$/ ? p / 1000 : p * 1000 }
        END { printf "%s %.0f %.1f %.2f\n", c, rps, ticks * 1e6 / hz / n, ms }' <<<"$text" >> "$out"
    done
  done
  echo "$scenario, $rounds rounds of ${secs}s, medians (lowest-highest round):"
  for c in "$@"; do
    grep "^$c " "$out" | awk -v c="$c" '
      { rps[NR] = $2; cpu[NR] = $3; p99[NR] = $4 }
      function med(x, n,   i, j, t, s) { for (i = 1; i <= n; i++) s[i] = x[i]
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
        lo = s[1]; hi = s[n]; return s[int((n + 1) / 2)] }
      END { m = med(rps, NR); printf "  %-10s %8.0f req/s (%.0f-%.0f)", c, m, lo, hi
            m = med(cpu, NR); printf "  CPU %5.1f us/req (%.1f-%.1f)", m, lo, hi
            m = med(p99, NR); printf "  p99 %6.2f ms (%.2f-%.2f)\n", m, lo, hi }'
  done
  rm -f "$out"
}

case "${1:-}" in
  add) shift; [ $# -ge 2 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }; add "$@" ;;
  compare) shift; [ $# -ge 4 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }; compare "$@" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
