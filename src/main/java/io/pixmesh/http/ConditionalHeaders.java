package io.pixmesh.http;

import java.util.List;
import java.util.function.Function;

/**
 * The request fields that decide between 200, 206, 304, 412 and 416: the method, the
 * conditional header fields of RFC 9110 §13.1 and {@code Range}.
 *
 * <p>List-valued fields hold one string per field line received, empty when the field is absent.
 * Single-valued fields are {@code null} when absent; when received on several lines they hold the
 * lines joined with {@code ", "} (RFC 9110 §5.3), which is never a valid single value, so such a
 * field is treated as invalid rather than by its first line.
 *
 * @param method the request method, case-sensitive ({@code GET}, {@code HEAD}, …)
 * @param ifMatch the {@code If-Match} field lines
 * @param ifUnmodifiedSince the {@code If-Unmodified-Since} field value, or null
 * @param ifNoneMatch the {@code If-None-Match} field lines
 * @param ifModifiedSince the {@code If-Modified-Since} field value, or null
 * @param ifRange the {@code If-Range} field value, or null
 * @param range the {@code Range} field value, or null
 */
public record ConditionalHeaders(
        String method,
        List<String> ifMatch,
        String ifUnmodifiedSince,
        List<String> ifNoneMatch,
        String ifModifiedSince,
        String ifRange,
        String range) {

    /** Copies the lists; a null list means the field is absent. */
    public ConditionalHeaders {
        ifMatch = ifMatch == null ? List.of() : List.copyOf(ifMatch);
        ifNoneMatch = ifNoneMatch == null ? List.of() : List.copyOf(ifNoneMatch);
    }

    /**
     * Reads the fields through a lookup that returns every line of the named field, in the order
     * received, or an empty list or null when the field is absent; for a servlet request,
     * {@code name -> Collections.list(request.getHeaders(name))}.
     */
    public static ConditionalHeaders of(String method, Function<String, List<String>> fieldLines) {
        return new ConditionalHeaders(
                method,
                fieldLines.apply("If-Match"),
                single(fieldLines.apply("If-Unmodified-Since")),
                fieldLines.apply("If-None-Match"),
                single(fieldLines.apply("If-Modified-Since")),
                single(fieldLines.apply("If-Range")),
                single(fieldLines.apply("Range")));
    }

    private static String single(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join(", ", lines);
    }
}
