package io.pixmesh.http;

import java.util.Optional;

/**
 * Evaluates conditional requests exactly in the order of RFC 9110 §13.2.2, as an origin server
 * with a current representation does.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * Decides how to answer a request for a representation with the given validators.
     *
     * <ol>
     *   <li>{@code If-Match} (strong comparison, {@code *} matches) false: 412.
     *   <li>Else {@code If-Unmodified-Since}, unless invalid, earlier than Last-Modified: 412.
     *   <li>{@code If-None-Match} (weak comparison, {@code *} matches) true: 304 for GET and
     *       HEAD, 412 otherwise.
     *   <li>Else, for GET and HEAD, {@code If-Modified-Since}, unless invalid, not earlier than
     *       Last-Modified: 304.
     *   <li>A GET with {@code Range}, and with an {@code If-Range} that is absent or matches,
     *       gets {@link Precondition#SEND_RANGES}; everything else {@link Precondition#SEND_FULL}.
     *       {@code If-Range} matches an entity tag by strong comparison (a weak tag never
     *       matches) and a date only when it equals Last-Modified; an invalid one never matches.
     * </ol>
     *
     * A present field that holds no valid value is false in step 1 and never true in step 3;
     * a present {@code If-Match} or {@code If-None-Match} disables step 2 or 4 even then.
     * Invalid dates, including several dates in one field, are ignored. The result depends on
     * nothing but the arguments, except that a two-digit RFC 850 year is read against the clock.
     */
    public static Precondition evaluate(ConditionalHeaders request, Validators current) {
        if (!ifMatchOrUnmodifiedSinceHolds(request, current)) {
            return Precondition.PRECONDITION_FAILED;
        }
        boolean getOrHead = "GET".equals(request.method()) || "HEAD".equals(request.method());
        if (!request.ifNoneMatch().isEmpty()) {
            if (EntityTagList.parse(request.ifNoneMatch()).anyWeakMatch(current.etag())) {
                return getOrHead ? Precondition.NOT_MODIFIED : Precondition.PRECONDITION_FAILED;
            }
        } else if (getOrHead && unchangedSince(request.ifModifiedSince(), current).orElse(false)) {
            return Precondition.NOT_MODIFIED;
        }
        boolean rangeApplies = "GET".equals(request.method()) && request.range() != null
                && (request.ifRange() == null || ifRangeMatches(request.ifRange(), current));
        return rangeApplies ? Precondition.SEND_RANGES : Precondition.SEND_FULL;
    }

    private static boolean ifMatchOrUnmodifiedSinceHolds(
            ConditionalHeaders request, Validators current) {
        if (!request.ifMatch().isEmpty()) {
            return EntityTagList.parse(request.ifMatch()).anyStrongMatch(current.etag());
        }
        return unchangedSince(request.ifUnmodifiedSince(), current).orElse(true);
    }

    /** Whether Last-Modified is not after the date; empty when the date is absent or invalid. */
    private static Optional<Boolean> unchangedSince(String date, Validators current) {
        return HttpDates.parse(date).map(since -> !current.lastModified().isAfter(since));
    }

    private static boolean ifRangeMatches(String ifRange, Validators current) {
        Optional<EntityTag> tag = EntityTag.parse(ifRange);
        if (tag.isPresent()) {
            return tag.get().strongMatch(current.etag());
        }
        return HttpDates.parse(ifRange).map(current.lastModified()::equals).orElse(false);
    }
}
