package io.pixmesh.web;

import io.pixmesh.http.ConditionalHeaders;
import jakarta.servlet.http.HttpServletRequest;

/** The conditional and range fields of a servlet request, as the {@code http} package reads them. */
public final class Conditions {

    private Conditions() {
    }

    public static ConditionalHeaders of(HttpServletRequest request) {
        return ConditionalHeaders.of(request.getMethod(), name -> FieldLines.of(request, name));
    }
}
