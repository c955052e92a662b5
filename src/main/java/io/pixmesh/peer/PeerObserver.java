package io.pixmesh.peer;

/**
 * Told of every answer (or failure) of a peer, as it happens: for metrics and the admin API's
 * peer status. Called on the request thread that asked; must be quick and must not throw.
 */
@FunctionalInterface
public interface PeerObserver {

    /** Observes nothing. */
    PeerObserver NONE = (peer, response, nanos) -> { };

    /**
     * @param peer     the peer asked
     * @param response what it gave: {@link PeerResponse.Fetched}, {@link PeerResponse.NotFound}
     *                 or {@link PeerResponse.Failed}
     * @param nanos    how long the exchange took, verification included
     */
    void answered(Peer peer, PeerResponse response, long nanos);

    /** This observer, then {@code next}. */
    default PeerObserver andThen(PeerObserver next) {
        return (peer, response, nanos) -> {
            answered(peer, response, nanos);
            next.answered(peer, response, nanos);
        };
    }
}
