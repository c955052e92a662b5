/**
 * The in-process HTTP cache in front of the image servlet (RFC 9111 thinking): stored entities,
 * their freshness, the Ehcache tiers that hold them, the {@code Cache-Status} values that say
 * what the cache did, and collapsing of concurrent fills of one key.
 *
 * <p>Decisions are pure functions of values and a time passed in, tested without a server or
 * a clock. Nothing here knows about files or peers: the cache sees only what the origin answers.
 */
package io.pixmesh.cache;
