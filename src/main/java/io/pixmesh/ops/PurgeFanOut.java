package io.pixmesh.ops;

import io.pixmesh.peer.Peer;
import io.pixmesh.peer.PeerCredential;
import io.pixmesh.peer.PeerList;
import io.pixmesh.peer.ViaHeader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes a purge on to every peer, signed with the peer credential (over the path and the
 * query, so a captured credential cannot purge anything else), and reports each answer. The
 * forwarded purge never carries {@code sites}: one hop, as for image fetches. Uses the JDK's
 * HTTP client: a rare, small POST needs none of the peer client's pooling or verification.
 */
final class PurgeFanOut {

    static final String PATH = "/-/admin/purge";

    private final PeerList peers;
    private final PeerCredential credential;
    private final String self;
    private final Duration timeout;
    private final HttpClient client;

    PurgeFanOut(PeerList peers, PeerCredential credential, String self, Duration timeout) {
        this.peers = peers;
        this.credential = credential;
        this.self = self;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The query a purge of {@code path} (decoded, leading slash) sends: also what its credential signs. */
    static String query(String path, boolean fromStore) {
        return "path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&store=" + fromStore;
    }

    /** Each peer's answer: its status and body, or what went wrong. */
    Map<String, String> purge(String path, boolean fromStore) {
        Map<String, String> answers = new LinkedHashMap<>();
        String query = query(path, fromStore);
        for (Peer peer : peers.peers()) {
            answers.put(peer.name(), ask(peer, query));
        }
        return answers;
    }

    private String ask(Peer peer, String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(peer.base() + PATH + "?" + query))
                .timeout(timeout)
                .header("Via", ViaHeader.member(self))
                .header(PeerCredential.HEADER, credential.sign("POST", PATH + "?" + query, self, Instant.now()))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return "failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
