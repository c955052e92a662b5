package io.pixmesh.cache;

import io.pixmesh.http.CacheDirectives;
import io.pixmesh.http.EntityTag;
import io.pixmesh.http.ResponseHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trip down the filter chain to the origin (the image servlet), with the cache's own
 * request, and the answer held in memory. The client's response is never touched here.
 */
final class Origin {

    private static final Logger log = LoggerFactory.getLogger(Origin.class);
    private static final byte[] ERROR_BODY = "error\n".getBytes(StandardCharsets.UTF_8);

    private final long maxObjectBytes;

    Origin(long maxObjectBytes) {
        this.maxObjectBytes = maxObjectBytes;
    }

    /**
     * Asks for the whole representation; with {@code validator}, asks whether it is still that one.
     * An exception from the origin becomes a plain {@code 500}, as the container would send.
     */
    OriginAnswer fetch(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            Optional<EntityTag> validator, long nowMillis) {
        OriginRequest ask = validator.map(tag -> OriginRequest.revalidation(request, tag.toString()))
                .orElseGet(() -> OriginRequest.fill(request));
        CapturedResponse answer = new CapturedResponse(response, maxObjectBytes);
        try {
            chain.doFilter(ask, answer);
        } catch (CapturedResponse.TooLargeException e) {
            return new OriginAnswer.TooLarge(answer.getStatus());
        } catch (IOException | ServletException | RuntimeException e) {
            log.warn("Origin failed for {}: {}", request.getRequestURI(), e.toString());
            return new OriginAnswer.Passed(HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    ResponseHeaders.of("Cache-Control", "no-store").plus("Content-Type", "text/plain;charset=utf-8"),
                    ERROR_BODY);
        }
        return classify(answer, validator.isPresent(), nowMillis);
    }

    private static OriginAnswer classify(CapturedResponse answer, boolean revalidating, long nowMillis) {
        int status = answer.getStatus();
        if (answer.tooLarge()) {
            return new OriginAnswer.TooLarge(status);
        }
        if (status == HttpServletResponse.SC_NOT_MODIFIED && revalidating) {
            return new OriginAnswer.NotModified(answer.headers());
        }
        if ((status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_NOT_FOUND)
                && storable(answer.headers())) {
            return new OriginAnswer.Storable(CachedResponse.of(status, answer.headers(), answer.body(), nowMillis));
        }
        return new OriginAnswer.Passed(status, answer.headers(), answer.body());
    }

    /** RFC 9111 §3: this cache serves every client, so it keeps neither no-store nor private answers. */
    private static boolean storable(ResponseHeaders headers) {
        String cacheControl = headers.get("Cache-Control");
        CacheDirectives directives = CacheDirectives.parse(cacheControl == null ? "" : cacheControl);
        return !directives.noStore() && !directives.isPrivate();
    }
}
