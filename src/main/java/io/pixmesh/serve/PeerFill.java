package io.pixmesh.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pixmesh.peer.FetchOutcome;
import io.pixmesh.peer.PeerCredential;
import io.pixmesh.peer.Peering;
import io.pixmesh.store.StoreKey;
import io.pixmesh.web.PlainText;
import io.pixmesh.web.RawPath;
import io.pixmesh.web.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the image servlet does when the store lacks an image: ask the peer sites (one hop at
 * most), or say it is not here. A request carrying a valid peer credential is another node's
 * fill: it is answered from this node alone, so no request ever travels two hops.
 */
final class PeerFill {

    private static final Logger log = LoggerFactory.getLogger(PeerFill.class);

    private final Absent absent;
    private final Peering peering;
    private final ImageResponder responder;
    private final Counter persisted;

    PeerFill(Absent absent, Peering peering, ImageResponder responder, MeterRegistry metrics) {
        this.persisted = Counter.builder("pixmesh.peer.persisted")
                .description("Images fetched from a peer and put into this site's store")
                .register(metrics);
        this.absent = absent;
        this.peering = peering;
        this.responder = responder;
    }

    void answer(HttpServletRequest request, HttpServletResponse response, StoreKey key, String mediaType)
            throws IOException {
        if (!absent.storeReadable()) {
            absent.send(response);
        } else if (isPeerRequest(request)) {
            // Absent here proves nothing about the site that asked: no cache may keep this 404.
            PlainText.send(response, HttpServletResponse.SC_NOT_FOUND, "not found", PlainText.NO_STORE);
        } else if (peering.fetcher().isEmpty()) {
            absent.send(response);
        } else {
            answer(request, response, peering.fetcher().get().fetch(key), mediaType);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, FetchOutcome outcome,
            String mediaType) throws IOException {
        if (outcome instanceof FetchOutcome.Found found) {
            request.setAttribute(RequestFacts.SOURCE, RequestFacts.peerSource(found.from().name()));
            request.setAttribute(RequestFacts.PEER_FETCH_MICROS, found.fetchMicros());
            if (found.persisted()) {
                persisted.increment();
                responder.respond(request, response, found.image(), mediaType, true);
            } else {
                // A private temp file: sent by copying (sendfile would read it after we return),
                // then deleted.
                try {
                    responder.respond(request, response, found.image(), mediaType, false);
                } finally {
                    Files.deleteIfExists(found.image().path());
                }
            }
        } else if (outcome instanceof FetchOutcome.AlreadyStored stored) {
            request.setAttribute(RequestFacts.SOURCE, RequestFacts.SOURCE_STORE);
            responder.respond(request, response, stored.image(), mediaType, true);
        } else if (outcome instanceof FetchOutcome.NotFound) {
            absent.send(response);
        } else {
            FetchOutcome.Unavailable unavailable = (FetchOutcome.Unavailable) outcome;
            log.info("No peer could provide {}: {}", request.getRequestURI(), unavailable.detail());
            if (unavailable.timeout()) {
                PlainText.send(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, "peers timed out", PlainText.NO_STORE);
            } else {
                PlainText.send(response, HttpServletResponse.SC_BAD_GATEWAY, "peers unavailable", PlainText.NO_STORE);
            }
        }
    }

    /** A request another node signed: valid key, fresh timestamp, signature over this very request. */
    private boolean isPeerRequest(HttpServletRequest request) {
        String credential = request.getHeader(PeerCredential.HEADER);
        return credential != null && peering.credential()
                .verify(credential, request.getMethod(), RawPath.of(request), Instant.now()).isValid();
    }
}
