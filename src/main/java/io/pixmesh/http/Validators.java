package io.pixmesh.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The validators of the selected representation, as sent in {@code ETag} and
 * {@code Last-Modified}.
 *
 * <p>{@code lastModified} is truncated to whole seconds on construction. HTTP dates carry
 * seconds only, so a client echoes back the truncated value; comparing that with a time that
 * kept its fraction would make {@code If-Modified-Since} never give a 304 and an {@code If-Range}
 * date never match. A weak {@code etag} is allowed and behaves as RFC 9110 says: it never
 * satisfies {@code If-Match} or {@code If-Range}, which need strong comparison.
 *
 * @param etag the entity tag of the representation
 * @param lastModified when the representation last changed, in whole seconds
 */
public record Validators(EntityTag etag, Instant lastModified) {

    /** @throws NullPointerException if either validator is null */
    public Validators {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    }
}
