#!/bin/sh
# Exit 0 while this site can serve images: the local DNS answers for the image name and at
# least one of the site's Pixmesh nodes reports itself healthy. Used by ExaBGP's healthcheck.
# NODES: the site's nodes (host:port), IMAGE_NAME: the dynamic name in gdnsd's zone.
NODES="${NODES:-192.0.2.11:8080 192.0.2.12:8080}"
IMAGE_NAME="${IMAGE_NAME:-images.example.net}"

dig +time=1 +tries=1 +short "@127.0.0.1" "$IMAGE_NAME" A | grep -q . || exit 1
for node in $NODES; do
    if curl -fsS --max-time 2 -o /dev/null "http://$node/images/-/health"; then
        exit 0
    fi
done
exit 1
