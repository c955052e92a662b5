#!/usr/bin/env bash
# Three Pixmesh sites on one machine, without Docker: three real Tomcat 11 instances from the
# distribution zip (fetched by Maven), each with its own store, state and peer list, on
# loopback ports. Site lon starts with the sample images; par and nyc start empty and fill
# from their peers.
#
#   src/scripts/three-sites.sh          build the WAR if needed, start the three sites
#   src/scripts/three-sites.sh stop     stop them
#
# Ports: PIXMESH_PORT_BASE (default 18080) + 1, 2, 3. Everything lives in target/three-sites.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/target/three-sites"
tomcat_version="11.0.24"
base_port="${PIXMESH_PORT_BASE:-18080}"
sites=(lon par nyc)
secret="demo:three-sites-demo-secret-0123456789"
admin_token="three-sites-admin-token"

port_of() { echo $((base_port + $1 + 1)); }

stop_all() {
  for i in "${!sites[@]}"; do
    site="${sites[$i]}"
    if [ -f "$work/$site/tomcat.pid" ]; then
      CATALINA_PID="$work/$site/tomcat.pid" CATALINA_BASE="$work/$site" \
        "$work/tomcat/bin/catalina.sh" stop 10 -force >/dev/null 2>&1 || true
      rm -f "$work/$site/tomcat.pid"
      echo "stopped $site"
    fi
  done
}

if [ "${1:-start}" = "stop" ]; then
  stop_all
  exit 0
fi

mkdir -p "$work"
[ -f "$root/target/pixmesh.war" ] || (cd "$root" && mvn -B -q package -DskipTests)
if [ ! -x "$work/tomcat/bin/catalina.sh" ]; then
  (cd "$root" && mvn -B -q dependency:copy -Dartifact="org.apache.tomcat:tomcat:$tomcat_version:zip" \
      -DoutputDirectory="$work")
  (cd "$work" && jar xf "tomcat-$tomcat_version.zip" && rm -rf tomcat && mv "apache-tomcat-$tomcat_version" tomcat)
  chmod +x "$work"/tomcat/bin/*.sh
fi

for i in "${!sites[@]}"; do
  site="${sites[$i]}"
  port="$(port_of "$i")"
  base="$work/$site"
  peers=""
  for j in "${!sites[@]}"; do
    [ "$j" = "$i" ] && continue
    peers="${peers:+$peers,}${sites[$j]}=http://127.0.0.1:$(port_of "$j")/images"
  done
  mkdir -p "$base"/{conf/Catalina/localhost,logs,temp,webapps,work,state,images}
  cp "$work"/tomcat/conf/{web.xml,logging.properties,catalina.properties} "$base/conf/"
  sed -e "s/port=\"8080\"/port=\"$port\" address=\"127.0.0.1\"/" "$root/docker/tomcat/server.xml" > "$base/conf/server.xml"
  cp "$root/target/pixmesh.war" "$base/webapps/images.war"
  store="$base/images"
  [ "$site" = lon ] && store="$root/src/samples/images"
  cat > "$base/conf/Catalina/localhost/images.xml" <<XML
<Context>
  <Parameter name="pixmesh.site" value="$site" override="false"/>
  <Parameter name="pixmesh.node" value="img-1" override="false"/>
  <Parameter name="pixmesh.store.dir" value="$store" override="false"/>
  <Parameter name="pixmesh.cache.dir" value="$base/state" override="false"/>
  <Parameter name="pixmesh.peers" value="$peers" override="false"/>
  <Parameter name="pixmesh.peer.secret" value="$secret" override="false"/>
  <Parameter name="pixmesh.admin.token" value="$admin_token" override="false"/>
  <Parameter name="pixmesh.drainFile" value="$base/drain" override="false"/>
</Context>
XML
  CATALINA_PID="$base/tomcat.pid" CATALINA_BASE="$base" CATALINA_OPTS="-Xmx256m" \
    "$work/tomcat/bin/catalina.sh" start >/dev/null
done

for i in "${!sites[@]}"; do
  url="http://127.0.0.1:$(port_of "$i")/images/-/health"
  for _ in $(seq 1 60); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    sleep 1
  done
  echo "${sites[$i]}: $(curl -sS "$url" 2>&1)  (logs: $work/${sites[$i]}/logs/catalina.out)"
done

lon="http://127.0.0.1:$(port_of 0)/images"
par="http://127.0.0.1:$(port_of 1)/images"
cat <<TEXT

Three sites are running. Try:
  curl -sI $lon/hero.jpg                 # served from lon's store
  curl -sI $par/hero.jpg                 # par fetches it from lon, verifies and keeps it (same ETag)
  ls $work/par/images                    # ... here
  curl -s -X POST -H 'Authorization: Bearer $admin_token' $par/-/admin/drain
  curl -s $par/-/health                  # draining
  touch $work/nyc/drain                  # drain nyc with its drain file; rm to undrain
Stop them with: $0 stop
TEXT
