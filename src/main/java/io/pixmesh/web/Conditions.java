package io.pixmesh.web;

import io.pixmesh.http.ConditionalHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/** The conditional and range fields of a servlet request, as the {@code http} package reads them. */
public final class Conditions {

    private Conditions() {
    }

    public static ConditionalHeaders of(HttpServletRequest request) {
        return ConditionalHeaders.of(request.getMethod(), name -> lines(request, name));
    }

    /** Every line of field {@code name}; most requests carry none, and get no list allocated. */
    private static List<String> lines(HttpServletRequest request, String name) {
        return request.getHeader(name) == null ? List.of() : Collections.list(request.getHeaders(name));
    }
}
