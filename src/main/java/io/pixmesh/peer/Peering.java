package io.pixmesh.peer;

import java.util.Optional;

/**
 * This node's part in peering: who it is ({@code <site>.<node>}), the credential it signs and
 * checks peer requests with, and the fetcher it fills local misses with (absent when it has no
 * peers). Closing it closes the pooled peer connections.
 */
public final class Peering implements AutoCloseable {

    private final String self;
    private final PeerCredential credential;
    private final PeerFetcher fetcher;
    private final PeerClient client;
    private final PeerStatus status;

    /**
     * @param self       this node's name in {@code Via} and in credentials, {@code <site>.<node>}
     * @param credential signs this node's peer requests and checks others'
     * @param fetcher    fills misses from peers, or null when there are none
     * @param client     the connections {@code fetcher} uses, or null with it
     * @param status     the latest news of each peer, fed by {@code fetcher}
     */
    public Peering(String self, PeerCredential credential, PeerFetcher fetcher, PeerClient client, PeerStatus status) {
        this.self = self;
        this.status = status;
        this.credential = credential;
        this.fetcher = fetcher;
        this.client = client;
    }

    public String self() {
        return self;
    }

    public PeerCredential credential() {
        return credential;
    }

    public Optional<PeerFetcher> fetcher() {
        return Optional.ofNullable(fetcher);
    }

    public PeerStatus status() {
        return status;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
