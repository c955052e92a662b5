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
        String uri = request.getRequestURI();
        String plain = after(uri, request.getServletContext().getContextPath());
        return plain != null ? plain : uri.substring(request.getContextPath().length());
    }

    /**
     * The part of {@code uri} after {@code contextPath} when the URI spells the context path
     * literally, else null.
     *
     * <p>Why: {@code getContextPath()} must return the URI's own spelling of the context
     * ({@code /a;x=1/b/..}), so Tomcat finds it on every call by decoding, normalising and
     * comparing prefixes of the URI, with a few strings made each time; the profile of a cache hit
     * showed it among Pixmesh's costliest calls. When the URI starts with the context path (which
     * the container holds decoded and normalised) followed by {@code /} or nothing, and that path
     * has nothing a client could encode or decorate ({@code %}, {@code ;}), Tomcat's answer is
     * that same prefix, so the rest is the path; anything else is left to Tomcat.
     */
    static String after(String uri, String contextPath) {
        int n = contextPath.length();
        if (!uri.startsWith(contextPath) || uri.length() > n && uri.charAt(n) != '/'
                || contextPath.indexOf('%') >= 0 || contextPath.indexOf(';') >= 0) {
            return null;
        }
        return uri.substring(n);
    }
}
