package io.pixmesh.cache;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The request the cache sends down the chain: always a plain {@code GET} for the whole
 * representation, with the client's range and conditional headers removed, so that what
 * comes back is the full entity to store. A revalidation adds exactly one validator of its own.
 *
 * <p>It also hides the connector's sendfile support: a body handed to sendfile never passes
 * through the response, so the cache would store nothing. Answers too large to store are
 * abandoned and asked for again without this wrapper, and then they do go out by sendfile.
 */
final class OriginRequest extends HttpServletRequestWrapper {

    private static final Set<String> REMOVED = Set.of(
            "range", "if-range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since");

    private final String ifNoneMatch;

    private OriginRequest(HttpServletRequest request, String ifNoneMatch) {
        super(request);
        this.ifNoneMatch = ifNoneMatch;
    }

    /** A GET for the full representation. */
    static OriginRequest fill(HttpServletRequest request) {
        return new OriginRequest(request, null);
    }

    /** A GET that the origin answers with {@code 304} while {@code etag} is still current. */
    static OriginRequest revalidation(HttpServletRequest request, String etag) {
        return new OriginRequest(request, etag);
    }

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";

    @Override
    public Object getAttribute(String name) {
        return SENDFILE_SUPPORT.equals(name) ? Boolean.FALSE : super.getAttribute(name);
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public String getHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("if-none-match")) {
            return ifNoneMatch;
        }
        return REMOVED.contains(lower) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String value = getHeader(name);
        if (REMOVED.contains(name.toLowerCase(Locale.ROOT))) {
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        names.removeIf(name -> REMOVED.contains(name.toLowerCase(Locale.ROOT)));
        if (ifNoneMatch != null) {
            names.add("If-None-Match");
        }
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        return REMOVED.contains(name.toLowerCase(Locale.ROOT)) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return REMOVED.contains(name.toLowerCase(Locale.ROOT)) ? -1 : super.getIntHeader(name);
    }
}
