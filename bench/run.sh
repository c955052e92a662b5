#!/usr/bin/env bash
# Pixmesh against Tomcat's DefaultServlet, a ceiling servlet and nginx, on loopback.
#
#   bench/run.sh             the recorded run (about 12 minutes on 2 cores)
#   bench/run.sh --quick     a development run: short rounds, to check the harness works
#
# One Tomcat 11 (the distribution zip, fetched by Maven as in src/scripts/three-sites.sh) with
# the connector of docker/tomcat/server.xml runs four contexts: /images (Pixmesh over the
# bench files), /default (Tomcat's DefaultServlet over the same directory), /ceiling (bench/
# ceiling: bytes in memory, fixed headers) and /edge (Pixmesh with an empty store whose peer is
# a second Tomcat running Pixmesh over the bench files). nginx serves the same directory.
# wrk drives them in turn (A B C D, then D C B A, and so on), after a warm-up; docs/benchmarks.md explains
# the method and records results. Everything lives under target/bench; each run in its own
# directory target/bench/run-<time> (target/bench/latest points at the last one).
#
# Settings (environment): ROUNDS per scenario and JVM (4), DURATION seconds per round (3),
# WARMUP seconds (2), CONNECTIONS (32), THREADS (2), SCENARIOS (all: hit12 hit48 hit1m 304 fork
# hit12 hit48 hit1m 304 big20m zipf profile peer-miss coalesce; "fork" restarts Tomcat A, and a
# scenario run again adds its rounds to the first ones), HEAP_ENTRIES (256), JFR_SECONDS (20),
# BURSTS (5), SINGLES (20);
# HOLD=1 keeps the servers running after the scenarios, for a look by hand, until Ctrl-C
# (and for bench/variants.sh, which compares variants of the WAR side by side in Tomcat A).
# DEFAULT_ACCESS_LOG=1 gives the DefaultServlet's context Tomcat's AccessLogValve.
# PIXMESH_PARAMS="pixmesh.x=y ..." overrides settings of the benchmarked Pixmesh (/images),
# TOMCAT_A_OPTS adds JVM options to the Tomcat running it, and PEER_RTT_MS puts a round trip of
# that many milliseconds between the edge and its peer (bench/tools/DelayProxy), for what-if
# runs; the recorded run uses none of them.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
work="$root/target/bench"

if [ "${1:-}" = "--quick" ]; then
  : "${ROUNDS:=2}" "${DURATION:=2}" "${WARMUP:=1}" "${JFR_SECONDS:=5}" "${BURSTS:=2}" "${SINGLES:=5}"
elif [ -n "${1:-}" ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
fi
ROUNDS="${ROUNDS:-4}"
DURATION="${DURATION:-3}"
WARMUP="${WARMUP:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SCENARIOS="${SCENARIOS:-hit12 hit48 hit1m 304 fork hit12 hit48 hit1m 304 big20m zipf profile peer-miss coalesce}"
HEAP_ENTRIES="${HEAP_ENTRIES:-256}"
JFR_SECONDS="${JFR_SECONDS:-20}"
BURSTS="${BURSTS:-5}"
SINGLES="${SINGLES:-20}"
ZIPF_FILES=10000
ZIPF_S=1.0
COLD_KEYS=100000
BURST_SIZE=64
SECRET="bench:bench-peer-secret-0123456789abcdef"
tomcat_version="$(sed -n 's:.*<tomcat.dist.version>\(.*\)</tomcat.dist.version>.*:\1:p' "$root/pom.xml")"

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "== $*"; }

# --- prerequisites -------------------------------------------------------------------------
missing=()
for tool in wrk nginx java javac jar jcmd jfr mvn curl awk sort; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  die "missing: ${missing[*]}
  On Debian/Ubuntu: apt-get install wrk nginx-light curl openjdk-17-jdk-headless maven
  (nginx-light or nginx: only the binary is used; the system service may stay stopped)."
fi
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] || die "Java 17 or newer needed, found $java_major"

# --- build, Tomcat, files --------------------------------------------------------------------
mkdir -p "$work"
war="$root/target/pixmesh.war"
if [ ! -f "$war" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$war" -print -quit)" ]; then
  say "building the WAR"
  (cd "$root" && mvn -B -q package -DskipTests)
fi
if [ ! -x "$work/tomcat/bin/catalina.sh" ]; then
  say "fetching Tomcat $tomcat_version"
  (cd "$root" && mvn -B -q dependency:copy -Dartifact="org.apache.tomcat:tomcat:$tomcat_version:zip" \
      -DoutputDirectory="$work")
  (cd "$work" && jar xf "tomcat-$tomcat_version.zip" && rm -rf tomcat && mv "apache-tomcat-$tomcat_version" tomcat)
  chmod +x "$work"/tomcat/bin/*.sh
fi
files="$work/files"
stamp="generator=$(cksum < "$bench/tools/GenerateFiles.java" | cut -d' ' -f1) zipf=$ZIPF_FILES cold=$COLD_KEYS"
if [ "$(cat "$files/.stamp" 2>/dev/null)" != "$stamp" ]; then
  say "writing the bench files (about 400 MB; once)"
  rm -rf "$files"
  java "$bench/tools/GenerateFiles.java" "$files" "$ZIPF_FILES" "$COLD_KEYS"
  echo "$stamp" > "$files/.stamp"
fi

say "building the ceiling servlet"
servlet_api_version="$(sed -n 's:.*<servlet.api.version>\(.*\)</servlet.api.version>.*:\1:p' "$root/pom.xml")"
servlet_api="$HOME/.m2/repository/jakarta/servlet/jakarta.servlet-api/$servlet_api_version/jakarta.servlet-api-$servlet_api_version.jar"
if [ ! -f "$servlet_api" ]; then
  (cd "$root" && mvn -B -q dependency:get -Dartifact="jakarta.servlet:jakarta.servlet-api:$servlet_api_version")
fi
ceiling="$work/ceiling"
rm -rf "$ceiling" && mkdir -p "$ceiling/war/WEB-INF/classes"
javac --release 17 -cp "$servlet_api" -d "$ceiling/war/WEB-INF/classes" \
  "$bench/ceiling/src/bench/ceiling/CeilingServlet.java"
cp "$bench/ceiling/web.xml" "$ceiling/war/WEB-INF/web.xml"
(cd "$ceiling/war" && jar cf "$ceiling/ceiling.war" .)
tools="$work/tools"
mkdir -p "$tools"
javac --release 17 -d "$tools" "$bench"/tools/{HttpProbe,JfrTop,FillWakeups,Report,DelayProxy}.java

# --- one run directory, free ports ------------------------------------------------------------
run="$work/run-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$run"
ln -sfn "$run" "$work/latest"
free_port() { # a loopback port nothing listens on, not in "$@"
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    case " $* " in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}
port_a="$(free_port)"
port_b="$(free_port "$port_a")"
port_n="$(free_port "$port_a" "$port_b")"
PEER_RTT_MS="${PEER_RTT_MS:-0}"
port_p="$port_b"   # where the edge reaches its peer: Tomcat B, or the delaying relay in front of it
rtt_note=""
if [ "$PEER_RTT_MS" -gt 0 ]; then
  port_p="$(free_port "$port_a" "$port_b" "$port_n")"
  rtt_note=" PEER_RTT_MS=$PEER_RTT_MS"
fi

# --- cleanup: stop exactly what this run started ----------------------------------------------
tomcat_bases=()
nginx_pid=""
proxy_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$proxy_pid" ]; then
    kill "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  for base in "${tomcat_bases[@]}"; do
    if [ -f "$base/tomcat.pid" ]; then
      CATALINA_PID="$base/tomcat.pid" CATALINA_BASE="$base" \
        "$work/tomcat/bin/catalina.sh" stop 10 -force >/dev/null 2>&1 || true
    fi
  done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Tomcat A: Pixmesh, DefaultServlet, ceiling, edge; Tomcat B: the peer ---------------------
tomcat_base() { # base port
  local base="$1" port="$2"
  mkdir -p "$base"/{conf/Catalina/localhost,logs,temp,webapps,work}
  cp "$work"/tomcat/conf/{web.xml,logging.properties,catalina.properties} "$base/conf/"
  sed -e "s/port=\"8080\"/port=\"$port\" address=\"127.0.0.1\"/" "$root/docker/tomcat/server.xml" > "$base/conf/server.xml"
}
pixmesh_context() { # file site node store state [extra parameter lines]
  local file="$1" site="$2" node="$3" store="$4" state="$5"
  shift 5
  {
    echo "<Context>"
    echo "  <Parameter name=\"pixmesh.site\" value=\"$site\" override=\"false\"/>"
    echo "  <Parameter name=\"pixmesh.node\" value=\"$node\" override=\"false\"/>"
    echo "  <Parameter name=\"pixmesh.store.dir\" value=\"$store\" override=\"false\"/>"
    echo "  <Parameter name=\"pixmesh.cache.dir\" value=\"$state\" override=\"false\"/>"
    for extra in "$@"; do
      echo "  <Parameter name=\"${extra%%=*}\" value=\"${extra#*=}\" override=\"false\"/>"
    done
    echo "</Context>"
  } > "$file"
}

a="$run/tomcat-a"
b="$run/tomcat-b"
tomcat_base "$a" "$port_a"
tomcat_base "$b" "$port_b"
mkdir -p "$run/state-images" "$run/state-edge" "$run/state-peer" "$run/edge-store"
cp "$war" "$a/webapps/images.war"
cp "$war" "$a/webapps/edge.war"
cp "$war" "$b/webapps/images.war"
cp "$ceiling/ceiling.war" "$a/webapps/ceiling.war"
# Pixmesh as shipped, except a heap tier small enough for the Zipf set to overflow it.
# shellcheck disable=SC2086 # PIXMESH_PARAMS: space-separated name=value pairs
pixmesh_context "$a/conf/Catalina/localhost/images.xml" bench a "$files" "$run/state-images" \
  "pixmesh.cache.heapEntries=$HEAP_ENTRIES" ${PIXMESH_PARAMS:-}
# The edge: an empty store, filled from the peer (settings as shipped: persist=true).
pixmesh_context "$a/conf/Catalina/localhost/edge.xml" edge a "$run/edge-store" "$run/state-edge" \
  "pixmesh.peers=peer=http://127.0.0.1:$port_p/images" "pixmesh.peer.secret=$SECRET"
# The peer: its cache off, so every request it gets reaches its image servlet and is counted
# by pixmesh_origin_requests_total (the coalescing check), and every fill reads its store.
pixmesh_context "$b/conf/Catalina/localhost/images.xml" peer b "$files" "$run/state-peer" \
  "pixmesh.peer.secret=$SECRET" "pixmesh.cache.enabled=false"
default_valve=""
if [ "${DEFAULT_ACCESS_LOG:-0}" = 1 ]; then
  # What an operator running the DefaultServlet would add: Tomcat's own access log (buffered,
  # the combined format), so that both contenders write a line per request.
  default_valve='<Valve className="org.apache.catalina.valves.AccessLogValve" directory="logs" prefix="default_access" suffix=".log" pattern="combined"/>'
fi
cat > "$a/conf/Catalina/localhost/default.xml" <<XML
<!-- Tomcat's DefaultServlet (from conf/web.xml, as shipped) over the bench files. -->
<Context docBase="$files">$default_valve</Context>
XML
cat > "$a/conf/Catalina/localhost/ceiling.xml" <<XML
<Context>
  <Parameter name="ceiling.dir" value="$files" override="false"/>
  <Parameter name="ceiling.files" value="h/12k.jpg,h/48k.jpg,h/1m.jpg" override="false"/>
</Context>
XML

if [ "$PEER_RTT_MS" -gt 0 ]; then
  say "starting a relay with a ${PEER_RTT_MS} ms round trip to Tomcat B (port $port_p)"
  java -cp "$tools" DelayProxy "$port_p" "$port_b" "$((PEER_RTT_MS / 2))" > "$run/delay-proxy.log" 2>&1 &
  proxy_pid=$!
fi
say "starting Tomcat A (port $port_a) and Tomcat B (port $port_b)"
tomcat_bases=("$a" "$b")
# Kept beside Tomcat A's base, so that bench/variants.sh restarts it the same way.
echo "-Xms1g -Xmx1g -XX:+UseG1GC -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints ${TOMCAT_A_OPTS:-}" > "$a/catalina-opts"
start_a() {
  CATALINA_PID="$a/tomcat.pid" CATALINA_BASE="$a" CATALINA_OPTS="$(cat "$a/catalina-opts")" \
    "$work/tomcat/bin/catalina.sh" start >/dev/null
}
start_a
CATALINA_PID="$b/tomcat.pid" CATALINA_BASE="$b" CATALINA_OPTS="-Xmx512m -XX:+UseG1GC" \
  "$work/tomcat/bin/catalina.sh" start >/dev/null

say "starting nginx (port $port_n)"
ng="$run/nginx"
mkdir -p "$ng/tmp"
nginx_user=""
[ "$(id -u)" = 0 ] && nginx_user="user nobody nogroup;"
sed -e "s|@USER@|$nginx_user|" -e "s|@DIR@|$ng|g" -e "s|@PORT@|$port_n|" -e "s|@ROOT@|$files|" \
  "$bench/nginx/nginx.conf" > "$ng/nginx.conf"
nginx -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" -g 'daemon off;' &
nginx_pid=$!

wait_for() { # url log
  for _ in $(seq 1 90); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  tail -n 40 "$2" >&2 || true
  die "not answering: $1"
}
wait_for_a() {
  wait_for "http://127.0.0.1:$port_a/images/-/health" "$a/logs/catalina.out"
  wait_for "http://127.0.0.1:$port_a/edge/-/health" "$a/logs/catalina.out"
  wait_for "http://127.0.0.1:$port_a/ceiling/h/12k.jpg" "$a/logs/catalina.out"
  wait_for "http://127.0.0.1:$port_a/default/h/12k.jpg" "$a/logs/catalina.out"
}
wait_for_a
wait_for "http://127.0.0.1:$port_b/images/-/health" "$b/logs/catalina.out"
wait_for "http://127.0.0.1:$port_n/h/12k.jpg" "$ng/error.log"
pid_a="$(cat "$a/tomcat.pid")"

# --- contenders -------------------------------------------------------------------------------
declare -A prefix=([pixmesh]=/images [default]=/default [ceiling]=/ceiling [nginx]= [edge]=/edge)
declare -A port=([pixmesh]=$port_a [default]=$port_a [ceiling]=$port_a [nginx]=$port_n [edge]=$port_a)
url() { echo "http://127.0.0.1:${port[$1]}${prefix[$1]}$2"; }
metric() { # url name-with-labels-regex: sum of matching samples
  curl -fsS "$1" | awk -v re="^$2" '$0 ~ re { sum += $NF } END { printf "%d\n", sum }'
}

# --- facts ------------------------------------------------------------------------------------
facts="$run/facts.txt"
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src pom.xml || echo '+dirty')"
  echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel=$(uname -sr)"
  echo "java=$(java -version 2>&1 | sed -n 2p)"
  echo "tomcat=$("$work/tomcat/bin/version.sh" 2>/dev/null | sed -n 's/^Server number: *//p')"
  echo "nginx=$(nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{ print $2 }')"
  echo "load_before=$(uptime | sed 's/.*load average: //')"
  echo "settings=ROUNDS=$ROUNDS DURATION=${DURATION}s WARMUP=${WARMUP}s CONNECTIONS=$CONNECTIONS THREADS=$THREADS HEAP_ENTRIES=$HEAP_ENTRIES ZIPF_S=$ZIPF_S${DEFAULT_ACCESS_LOG:+ DEFAULT_ACCESS_LOG=$DEFAULT_ACCESS_LOG}${PIXMESH_PARAMS:+ PIXMESH_PARAMS=$PIXMESH_PARAMS}${TOMCAT_A_OPTS:+ TOMCAT_A_OPTS=$TOMCAT_A_OPTS}$rtt_note"
  echo "jvm_a=$(jcmd "$pid_a" VM.command_line | sed -n 's/^jvm_args: //p' | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
} > "$facts"

# --- sanity: every contender answers what the scenario means ----------------------------------
say "checking the answers"
check() { # contender path expected-status expected-length (or "") [request header]
  local head
  local -a extra=()
  [ -n "${5:-}" ] && extra=(-H "$5")
  head="$(curl -sS -o /dev/null -D - "${extra[@]}" "$(url "$1" "$2")" | tr -d '\r')"
  grep -q "^HTTP/1.1 $3" <<<"$head" || die "$1 $2: expected $3, got: $(head -1 <<<"$head")"
  if [ -n "$4" ] && ! grep -qi "^content-length: $4\$" <<<"$head"; then die "$1 $2: expected length $4"; fi
}
etag_of() { curl -sS -o /dev/null -D - "$(url "$1" "$2")" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'; }
declare -A etag
for c in pixmesh default ceiling nginx; do
  check "$c" /h/12k.jpg 200 12288
  check "$c" /h/48k.jpg 200 49152
  check "$c" /h/1m.jpg 200 1048576
  etag[$c]="$(etag_of "$c" /h/12k.jpg)"
  check "$c" /h/12k.jpg 304 "" "If-None-Match: ${etag[$c]}"
done
for c in pixmesh default nginx; do
  check "$c" /big/20m.jpg 200 20971520
done
# 12 and 48 KiB are cache hits; 1 MiB is above pixmesh.cache.maxObjectKB (256 KiB as shipped), so
# the cache steps aside and the servlet sends it with sendfile, as it will for every request.
for f in 12k:'Pixmesh; hit' 48k:'Pixmesh; hit' 1m:'Pixmesh; fwd=uri-miss; detail=too-large'; do
  name="${f%%:*}" want="${f#*:}"
  if ! grep -qi "^Cache-Status: $want" <<<"$(curl -sS -o /dev/null -D - "$(url pixmesh /h/$name.jpg)")"; then
    [ -n "${PIXMESH_PARAMS:-}" ] || die "pixmesh /h/$name.jpg: expected Cache-Status: $want"
    echo "   note: pixmesh /h/$name.jpg is not '$want' with PIXMESH_PARAMS=$PIXMESH_PARAMS"
  fi
done
printf '%s\n' "${!etag[@]}" | while read -r c; do echo "etag_$c=${etag[$c]}"; done >> "$facts"

# --- wrk, interleaved -------------------------------------------------------------------------
results="$run/results.tsv"
printf 'scenario\tcontender\tround\trequests\trps\tp50_us\tp90_us\tp99_us\tmax_us\terrors\tcpu_us\n' > "$results"
cold_next=1000   # cold keys below 1000 are for the sanity check, single fetches and bursts

# cpu_ticks contender: CPU time (user + system, clock ticks) the contender's server has used so far:
# Tomcat A's process for the Tomcat contenders, nginx's master and workers for nginx. Divided by
# the requests of a round it is the server's CPU per request, which, unlike req/s, does not
# depend on how the 2 cores were shared with wrk in that round.
cpu_ticks() {
  local pids="$pid_a"
  [ "$1" = nginx ] && pids="$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"
  for p in $pids; do awk '{ print $14 + $15 }' "/proc/$p/stat"; done | awk '{ s += $1 } END { print s }'
}
hz="$(getconf CLK_TCK)"

# wrk_once scenario contender round seconds: one wrk run; round 0 is the warm-up (not recorded)
wrk_once() {
  local scenario="$1" c="$2" round="$3" secs="$4" out line
  local -a args=(-t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s -s "$bench/lua/bench.lua")
  local -a envs=(BENCH_PREFIX="${prefix[$c]}" BENCH_THREADS="$THREADS")
  local target
  case "$scenario" in
    hit12|profile) target="$(url "$c" /h/12k.jpg)" ;;
    hit48) target="$(url "$c" /h/48k.jpg)" ;;
    hit1m) target="$(url "$c" /h/1m.jpg)" ;;
    304) target="$(url "$c" /h/12k.jpg)"; args+=(-H "If-None-Match: ${etag[$c]}") ;;
    big20m) target="$(url "$c" /big/20m.jpg)" ;;
    zipf) target="$(url "$c" /)"; envs+=(BENCH_MODE=zipf BENCH_N="$ZIPF_FILES" BENCH_ZIPF_S="$ZIPF_S" BENCH_SEED="$((42 + round))") ;;
    peer-miss) target="$(url "$c" /)"; envs+=(BENCH_MODE=cold BENCH_OFFSET="$cold_next") ;;
  esac
  local ticks_before ticks_after
  ticks_before="$(cpu_ticks "$c")"
  out="$(env "${envs[@]}" wrk "${args[@]}" "$target" 2>&1)" || { echo "$out" >&2; die "wrk failed: $scenario $c"; }
  ticks_after="$(cpu_ticks "$c")"
  printf '### %s %s round %s\n%s\n' "$scenario" "$c" "$round" "$out" >> "$run/wrk.log"
  line="$(grep '^RESULT ' <<<"$out")" || { echo "$out" >&2; die "no RESULT line from wrk"; }
  if [ "$scenario" = peer-miss ]; then
    cold_next="$(sed -n 's/.* max_key=\([0-9]*\).*/\1/p' <<<"$line")"
    cold_next=$((cold_next + 1))
    [ "$cold_next" -le "$COLD_KEYS" ] || die "peer-miss used every cold key: raise COLD_KEYS"
  fi
  [ "$round" = 0 ] && return 0
  awk -v s="$scenario" -v c="$c" -v r="$round" -v ticks="$((ticks_after - ticks_before))" -v hz="$hz" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      errors = v["err_connect"] + v["err_read"] + v["err_write"] + v["err_status"] + v["err_timeout"]
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\n", s, c, r, v["requests"], v["rps"],
        v["p50_us"], v["p90_us"], v["p99_us"], v["max_us"], errors, ticks * 1e6 / hz / (v["requests"] > 0 ? v["requests"] : 1) }' <<<"$line" >> "$results"
  tail -n 1 "$results" | awk -F'\t' '{ printf "   %-9s %-8s round %s: %9.0f req/s  p50 %6d us  p99 %7d us  errors %d  server CPU %5.1f us/req\n", $1, $2, $3, $5, $6, $8, $10, $11 }'
}

# interleaved scenario contender...: warm-up each, then ROUNDS rounds, A B C D in odd rounds and
# D C B A in even ones. A fixed order would give each contender the same neighbour every round:
# whatever one leaves behind in Tomcat A (a collection its garbage triggers, the access log's
# writer catching up) would always land in the same other contender's round, and a host whose
# speed drifts during a round set would always favour the one that goes first.
interleaved() {
  local scenario="$1" c r
  shift
  local forward=("$@") backward=()
  for ((c = $# - 1; c >= 0; c--)); do backward+=("${forward[$c]}"); done
  # Run again (after a fork), a scenario numbers its rounds on from the last one recorded.
  local last
  last="$(awk -F'\t' -v s="$scenario" 'NR > 1 && $1 == s && $3 + 0 > m + 0 { m = $3 + 0 } END { print m + 0 }' "$results")"
  say "$scenario: warm-up, then rounds $((last + 1))-$((last + ROUNDS)) of $* (${DURATION}s each), the order reversed every other round"
  for c in "${forward[@]}"; do wrk_once "$scenario" "$c" 0 "$WARMUP"; done
  for r in $(seq $((last + 1)) $((last + ROUNDS))); do
    if ((r % 2 == 1)); then
      for c in "${forward[@]}"; do wrk_once "$scenario" "$c" "$r" "$DURATION"; done
    else
      for c in "${backward[@]}"; do wrk_once "$scenario" "$c" "$r" "$DURATION"; done
    fi
  done
}

# metrics_delta before-file: how Pixmesh's cache counters moved since before-file was taken
metrics_delta() {
  local pattern='^pixmesh_(cache_requests|cache_tier_(hits|misses|evictions)|origin_requests)'
  join <(grep -E "$pattern" "$1" | sort) <(curl -fsS "$(url pixmesh /-/metrics)" | grep -E "$pattern" | sort) \
    | awk '{ d = $3 - $2; if (d != 0) printf "%s %d\n", $1, d }'
}

heap_after_zipf() {
  say "heap after the Zipf run"
  jcmd "$pid_a" GC.run >/dev/null
  jcmd "$pid_a" GC.heap_info > "$run/heap-info.txt"
  jcmd "$pid_a" GC.class_histogram > "$run/class-histogram.txt" 2>&1 || true
  local used_kb bound_bytes heap_tier
  used_kb="$(sed -n 's/.*heap.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' "$run/heap-info.txt" | head -1)"
  # Upper bound of the bodies the heap tier can hold: the HEAP_ENTRIES largest answers the
  # cache has seen (the Zipf set and the three hit files).
  bound_bytes="$( { cut -f2 "$files/zipf-sizes.txt"; echo 12288; echo 49152; echo 1048576; } \
    | sort -rn | awk -v n="$HEAP_ENTRIES" 'NR <= n { s += $1 } END { print s }')"
  heap_tier="$(metric "$(url pixmesh /-/metrics)" 'pixmesh_cache_tier_entries\{tier="heap"')"
  {
    echo "heap_used_kb=$used_kb"
    echo "heap_tier_bound_bytes=$bound_bytes"
    echo "heap_tier_entries=$heap_tier"
    echo "offheap_mb=128"
  } >> "$facts"
  echo "   heap used after GC: $((used_kb / 1024)) MiB; heap tier: $heap_tier entries, at most $((bound_bytes / 1048576)) MiB of bodies"
}

zipf() {
  say "zipf: priming every file once per contender"
  for c in pixmesh default nginx; do
    java -XX:TieredStopAtLevel=1 -cp "$tools" HttpProbe prime "${port[$c]}" 8 "${prefix[$c]}" "$files/zipf-paths.txt" | sed "s/^/   $c: /"
  done
  curl -fsS "$(url pixmesh /-/metrics)" > "$run/zipf-metrics-before.txt"
  interleaved zipf pixmesh default nginx
  metrics_delta "$run/zipf-metrics-before.txt" > "$run/zipf-metrics.txt"
  heap_after_zipf
}

profile() {
  say "profile: JFR on Pixmesh under the 12 KB hit load (${JFR_SECONDS}s), then the ceiling"
  mkdir -p "$run/jfr"
  local c secs wrk_pid
  for c in pixmesh ceiling; do
    secs="$JFR_SECONDS"
    [ "$c" = ceiling ] && secs=$(( JFR_SECONDS / 2 > 5 ? JFR_SECONDS / 2 : 5 ))
    wrk_once profile "$c" 0 "$WARMUP"
    env BENCH_PREFIX= wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((secs + 2))s" -s "$bench/lua/bench.lua" \
      "$(url "$c" /h/12k.jpg)" > "$run/jfr/$c-wrk.txt" &
    wrk_pid=$!
    [ "$c" = pixmesh ] && curl -fsS "$(url pixmesh /-/metrics)" > "$run/jfr/metrics-before.txt"
    sleep 1
    jcmd "$pid_a" JFR.start name="bench-$c" settings=profile method-profiling=max duration="${secs}s" \
      filename="$run/jfr/$c-hit12.jfr" >/dev/null
    wait "$wrk_pid"
    # what the cache did under this load: one image, revalidated every revalidateSeconds
    [ "$c" = pixmesh ] && metrics_delta "$run/jfr/metrics-before.txt" > "$run/jfr/pixmesh-metrics.txt"
    # the recording is written when its duration ends; wait until it is no longer listed
    for _ in $(seq 1 60); do
      grep -q "name=bench-$c" <<<"$(jcmd "$pid_a" JFR.check 2>/dev/null)" || break
      sleep 1
    done
    java -cp "$tools" JfrTop "$run/jfr/$c-hit12.jfr" \
      "$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' "$run/jfr/$c-wrk.txt")" > "$run/jfr/$c-top.md"
    echo "   $c: $(grep -m1 'requests/s' "$run/jfr/$c-top.md" || true)"
  done
}

peer_miss() {
  local before after
  curl -fsS -o /dev/null "$(url edge /cold/000/000000.jpg)"
  grep -qi '^Cache-Status: Pixmesh; hit' <<<"$(curl -sS -o /dev/null -D - "$(url edge /cold/000/000000.jpg)")" \
    || die "edge: a filled image is not then a cache hit"
  before="$(metric "http://127.0.0.1:$port_b/images/-/metrics" pixmesh_origin_requests_total)"
  interleaved peer-miss edge
  after="$(metric "http://127.0.0.1:$port_b/images/-/metrics" pixmesh_origin_requests_total)"
  echo "peer_miss_peer_requests=$((after - before))" >> "$facts"
  echo "peer_miss_persisted=$(metric "$(url edge /-/metrics)" pixmesh_peer_persisted_total)" >> "$facts"
}

coalesce() {
  say "coalesce: 50 fills to warm up, $SINGLES single cold fetches, then $BURSTS bursts of $BURST_SIZE requests for one cold key"
  local peer_metrics="http://127.0.0.1:$port_b/images/-/metrics" i before after fb fa out
  local -a singles=() warm=()
  for i in $(seq 500 549); do warm+=("/edge/cold/000/$(printf %06d "$i").jpg"); done
  java -XX:TieredStopAtLevel=1 -cp "$tools" HttpProbe single "$port_a" /edge/-/health "${warm[@]}" > /dev/null
  for i in $(seq 100 $((100 + SINGLES - 1))); do singles+=("/edge/cold/000/$(printf %06d "$i").jpg"); done
  before="$(metric "$peer_metrics" pixmesh_origin_requests_total)"
  java -XX:TieredStopAtLevel=1 -cp "$tools" HttpProbe single "$port_a" /edge/-/health "${singles[@]}" > "$run/coalesce-single.txt"
  after="$(metric "$peer_metrics" pixmesh_origin_requests_total)"
  grep '^SUMMARY' "$run/coalesce-single.txt" | sed 's/^SUMMARY/single/' >> "$run/coalesce.txt"
  echo "single_peer_requests=$((after - before)) for $SINGLES fetches" >> "$run/coalesce.txt"
  for i in $(seq 1 "$BURSTS"); do
    before="$(metric "$peer_metrics" pixmesh_origin_requests_total)"
    fb="$(metric "$(url edge /-/metrics)" 'pixmesh_peer_fetches_seconds_count')"
    java -XX:TieredStopAtLevel=1 -cp "$tools" HttpProbe burst "$port_a" "$BURST_SIZE" /edge/-/health \
      "/edge/cold/000/$(printf %06d "$i").jpg" > "$run/coalesce-burst-$i.txt"
    after="$(metric "$peer_metrics" pixmesh_origin_requests_total)"
    fa="$(metric "$(url edge /-/metrics)" 'pixmesh_peer_fetches_seconds_count')"
    out="$run/coalesce-burst-$i.txt"
    # The same burst again, now that the key is stored: what 64 concurrent hits cost here, so
    # that the cold burst's tail can be told apart from the burst's own cost.
    java -XX:TieredStopAtLevel=1 -cp "$tools" HttpProbe burst "$port_a" "$BURST_SIZE" /edge/-/health \
      "/edge/cold/000/$(printf %06d "$i").jpg" > "$run/coalesce-hot-$i.txt"
    echo "burst $i $(sed -n 's/^SUMMARY //p' "$out") $(sed -n 's/^SENT //p' "$out")" \
      "not200=$(grep '^REQ' "$out" | grep -vc '^REQ status=200 ' || true)" \
      "peer_requests=$((after - before)) edge_peer_fetches=$((fa - fb))" \
      "hot_p50_us=$(sed -n 's/^SUMMARY .*p50_us=\([0-9]*\).*/\1/p' "$run/coalesce-hot-$i.txt")" \
      "hot_p99_us=$(sed -n 's/^SUMMARY .*p99_us=\([0-9]*\).*/\1/p' "$run/coalesce-hot-$i.txt")" >> "$run/coalesce.txt"
  done
  # One more burst, not counted: under JFR, to see how the waiting requests are woken.
  mkdir -p "$run/jfr"
  jcmd "$pid_a" JFR.start name=bench-burst settings="$bench/jfr/waits.jfc" filename="$run/jfr/burst.jfr" >/dev/null
  java -XX:TieredStopAtLevel=1 -cp "$tools" HttpProbe burst "$port_a" "$BURST_SIZE" /edge/-/health \
    /edge/cold/000/000099.jpg > "$run/coalesce-diagnostic.txt"
  jcmd "$pid_a" JFR.stop name=bench-burst >/dev/null
  echo "diagnostic $(sed -n 's/^SUMMARY //p' "$run/coalesce-diagnostic.txt") $(java -cp "$tools" FillWakeups "$run/jfr/burst.jfr")" \
    >> "$run/coalesce.txt"
  sed 's/^/   /' "$run/coalesce.txt"
}

# JIT warm-up of the Tomcat contenders on the paths they all share, before any recording
warm_up_a() {
  say "warm-up of the Tomcat contexts"
  local scenario c
  for scenario in hit12 304 hit48; do
    for c in pixmesh default ceiling; do wrk_once "$scenario" "$c" 0 "$WARMUP"; done
  done
}

# A new JVM for Tomcat A, warmed up as the first. Its JIT compiles Tomcat's request path, which
# the three contexts share, once per JVM, and how it does so moved every Tomcat contender's CPU
# per request from one full run to the next by more than the rounds of one run differ; rounds
# in two JVMs are what JMH calls two forks.
fork_a() {
  say "fork: restarting Tomcat A"
  CATALINA_PID="$a/tomcat.pid" CATALINA_BASE="$a" "$work/tomcat/bin/catalina.sh" stop 30 -force >/dev/null 2>&1 || true
  start_a
  wait_for_a
  pid_a="$(cat "$a/tomcat.pid")"
  warm_up_a
}

warm_up_a

declare -A passes=()
for scenario in $SCENARIOS; do
  case "$scenario" in
    hit12|hit48|hit1m|304) interleaved "$scenario" pixmesh default ceiling nginx ;;
    big20m) interleaved big20m pixmesh default nginx ;;
    zipf) zipf ;;
    profile) profile ;;
    peer-miss) peer_miss ;;
    coalesce) coalesce ;;
    fork) fork_a ;;
    *) die "unknown scenario: $scenario" ;;
  esac
  passes[$scenario]=$((${passes[$scenario]:-0} + 1))
  pass=""
  [ "${passes[$scenario]}" -gt 1 ] && pass="_pass${passes[$scenario]}"
  echo "load_after_$scenario$pass=$(uptime | sed 's/.*load average: //')" >> "$facts"
done

echo "load_after=$(uptime | sed 's/.*load average: //')" >> "$facts"
if [ "${HOLD:-0}" = 1 ]; then
  say "holding (HOLD=1): Pixmesh $(url pixmesh /), edge $(url edge /), peer http://127.0.0.1:$port_b/images/, nginx $(url nginx /); Ctrl-C stops"
  while true; do sleep 5; done
fi
java -cp "$tools" Report "$run" > "$run/results.md"
say "results: $run/results.md"
cat "$run/results.md"
