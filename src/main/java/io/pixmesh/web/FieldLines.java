package io.pixmesh.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/** Every line of one request header field, in the order received. */
public final class FieldLines {

    private FieldLines() {
    }

    /**
     * The lines of field {@code name}, or an empty list when the request has none. Most requests
     * carry none of the fields asked for on every request (conditions, ranges, proxies' fields),
     * so no enumeration or list is made for an absent field.
     */
    public static List<String> of(HttpServletRequest request, String name) {
        return request.getHeader(name) == null ? List.of() : Collections.list(request.getHeaders(name));
    }
}
