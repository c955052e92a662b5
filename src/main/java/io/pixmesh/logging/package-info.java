/**
 * The access log: one JSON line per request, with an id ({@code site-node-boot-seq}) that never
 * repeats, written by Logback to a local file that rsyslog relays to every collector
 * (see {@code docs/logging.md}); and the gap checker that proves the collectors hold every line.
 *
 * <p>Nothing here knows how a request was answered beyond the response itself and the
 * {@link io.pixmesh.web.RequestFacts} attributes: the access log watches, it never decides.
 */
package io.pixmesh.logging;
