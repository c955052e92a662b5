/**
 * HTTP semantics shared by the caching filter and the image servlet: entity tags, HTTP dates,
 * precondition evaluation in the order of RFC 9110 §13.2.2, byte ranges and
 * {@code multipart/byteranges}, and Cache-Control policy.
 *
 * <p>Everything here is plain Java: pure functions and immutable values that know nothing of
 * servlets, files, caches or peers, so that every HTTP decision can be tested without a server.
 * Header values are passed in as the strings received on the wire; invalid values never throw,
 * they are treated the way RFC 9110 tells a recipient to treat them.
 */
package io.pixmesh.http;
