/**
 * Getting images this site lacks from peer sites: which peers ({@link io.pixmesh.peer.PeerList}),
 * how requests between them are authenticated ({@link io.pixmesh.peer.PeerSecrets},
 * {@link io.pixmesh.peer.PeerCredential}), how one image is fetched and verified
 * ({@link io.pixmesh.peer.PeerClient}), how a failing peer is kept out of the way
 * ({@link io.pixmesh.peer.CircuitBreaker}), and the policy over all of them
 * ({@link io.pixmesh.peer.PeerFetcher}).
 *
 * <p>The image servlet calls {@link io.pixmesh.peer.PeerFetcher#fetch} on a local miss and turns
 * its {@link io.pixmesh.peer.FetchOutcome} into an answer: the image, 404, or 502/504. Nothing
 * here knows of servlets or the response cache; the side that answers peer requests uses
 * {@link io.pixmesh.peer.PeerCredential#verify} and the {@code Via} header.
 */
package io.pixmesh.peer;
