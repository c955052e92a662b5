package io.pixmesh.logging;

import java.util.OptionalLong;

/**
 * What the access log records of one request. Text fields are never null: absent values are
 * empty strings.
 *
 * @param id              {@code site-node-boot-seq}, unique across nodes and restarts
 * @param startMillis     when the request reached the access log filter (epoch milliseconds)
 * @param client          the client's address ({@link ClientAddress})
 * @param method          the request method
 * @param path            the request URI as sent (percent-encoded, without the query)
 * @param status          the response status
 * @param bytes           body bytes sent ({@link SentBytes})
 * @param durationMicros  time until the application had handed over the whole answer
 * @param cacheStatus     the response's {@code Cache-Status} field, or empty
 * @param source          where the body came from ({@code cache}, {@code store}, {@code peer:<name>}), or empty
 * @param peerFetchMicros time spent fetching from peers for this request, when any
 * @param userAgent       the {@code User-Agent} field, or empty
 * @param referer         the {@code Referer} field, or empty
 */
public record AccessEvent(
        String id,
        long startMillis,
        String client,
        String method,
        String path,
        int status,
        long bytes,
        long durationMicros,
        String cacheStatus,
        String source,
        OptionalLong peerFetchMicros,
        String userAgent,
        String referer) {
}
