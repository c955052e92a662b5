package io.pixmesh.web;

import jakarta.servlet.http.HttpServletRequest;

/** The request path after the context, exactly as the client sent it. */
public final class RawPath {

    private RawPath() {
    }

    /**
     * The path after the context, still percent-encoded and not normalised, so that the store's
     * path rules decode it once and see every encoded trick. Never the container's decoded
     * {@code getPathInfo()}, which cannot tell {@code %2F} from {@code /}.
     */
    public static String of(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
