package io.pixmesh.config;

import io.pixmesh.peer.PeerClient;
import io.pixmesh.peer.PeerList;
import io.pixmesh.peer.PeerSecrets;
import java.time.Duration;

/**
 * How this node fills from peer sites ({@code pixmesh.peers}, {@code pixmesh.peer.*}).
 *
 * @param peers             the peer sites, nearest first; empty: this node never asks peers
 * @param secrets           the shared keys; the first signs, all are accepted
 * @param persist           whether a verified body enters this site's store
 * @param client            connection and timing limits of the peer client
 * @param replayWindow      how far a credential's time may be from ours
 * @param breakerFailures   consecutive failures that open a peer's circuit
 * @param breakerBackoff    how long an opened circuit stays open at first (doubling on each failed trial)
 * @param breakerMaxBackoff the longest it stays open
 */
public record PeerSettings(
        PeerList peers,
        PeerSecrets secrets,
        boolean persist,
        PeerClient.Settings client,
        Duration replayWindow,
        int breakerFailures,
        Duration breakerBackoff,
        Duration breakerMaxBackoff) {
}
