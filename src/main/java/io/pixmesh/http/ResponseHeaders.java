package io.pixmesh.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of a full {@code 200} answer for one representation, in order, immutable.
 * Computed once per representation, then applied to every answer about it: the other statuses
 * derive their fields from this list so that a {@code 304} or {@code 206} never disagrees with
 * the {@code 200} that a downstream cache stored.
 */
public final class ResponseHeaders {

    /**
     * What a {@code 304} carries: the fields RFC 9110 §15.4.5 says a server must send when they
     * would be in the {@code 200} ({@code Date} is the container's). Other representation
     * metadata is left out, as the RFC asks, so a cache keeps what it stored.
     */
    private static final Set<String> NOT_MODIFIED_FIELDS =
            Set.of("cache-control", "content-location", "etag", "expires", "vary");

    private final List<Header> headers;
    /** {@link #forNotModified()}, computed at most a few times (a benign race) and then kept. */
    private ResponseHeaders notModified;

    private ResponseHeaders(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    /** One header field; names keep the case they were given. */
    public record Header(String name, String value) {
    }

    private static final ResponseHeaders NONE = new ResponseHeaders(List.of());

    public static Builder builder() {
        return new Builder();
    }

    public static ResponseHeaders none() {
        return NONE;
    }

    /** A list of one field. */
    public static ResponseHeaders of(String name, String value) {
        return new ResponseHeaders(List.of(header(name, value)));
    }

    /** A list of two fields, made with no more than they need: the cache adds two to every answer. */
    public static ResponseHeaders of(String name, String value, String secondName, String secondValue) {
        return new ResponseHeaders(List.of(header(name, value), header(secondName, secondValue)));
    }

    /** This list followed by {@code more}. */
    public ResponseHeaders plus(ResponseHeaders more) {
        if (more.headers.isEmpty()) {
            return this;
        }
        List<Header> all = new ArrayList<>(headers);
        all.addAll(more.headers);
        return new ResponseHeaders(all);
    }

    /** This list followed by one more field. */
    public ResponseHeaders plus(String name, String value) {
        return plus(of(name, value));
    }

    private static Header header(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("header " + name + " has a line break or NUL");
        }
        return new Header(name, value);
    }

    public List<Header> all() {
        return headers;
    }

    /** The first value of {@code name} (case-insensitive), or null. */
    public String get(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** The fields of a {@code 304} answer about this representation. */
    public ResponseHeaders forNotModified() {
        ResponseHeaders fields = notModified;
        if (fields == null) {
            fields = keep(NOT_MODIFIED_FIELDS, true);
            notModified = fields;
        }
        return fields;
    }

    /**
     * The fields of a multipart {@code 206}: everything but {@code Content-Type}, which then names
     * the multipart body while each part carries the representation's own type.
     */
    public ResponseHeaders withoutContentType() {
        return keep(Set.of("content-type"), false);
    }

    public void forEach(BiConsumer<String, String> sink) {
        for (Header header : headers) {
            sink.accept(header.name(), header.value());
        }
    }

    private ResponseHeaders keep(Set<String> names, boolean inside) {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            if (names.contains(header.name().toLowerCase(Locale.ROOT)) == inside) {
                kept.add(header);
            }
        }
        return new ResponseHeaders(kept);
    }

    /** Collects fields in order; refuses values that could split a header (CR, LF, NUL). */
    public static final class Builder {
        private final List<Header> headers = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            headers.add(header(name, value));
            return this;
        }

        public ResponseHeaders build() {
            return new ResponseHeaders(headers);
        }
    }
}
