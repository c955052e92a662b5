package io.pixmesh.serve;

import io.pixmesh.Pixmesh;
import io.pixmesh.peer.ViaHeader;
import io.pixmesh.web.PlainText;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers {@code 508 Loop Detected} to a request whose {@code Via} already names this node,
 * before any cache or store sees it: some peer list points back here, and saying so loudly gets
 * it fixed, where serving would hide it. (The one-hop rule already keeps such loops finite.)
 */
public final class LoopFilter implements Filter {

    /** RFC 5842 §7.2. */
    static final int SC_LOOP_DETECTED = 508;

    private String self;

    @Override
    public void init(FilterConfig config) {
        self = Pixmesh.of(config.getServletContext()).peering().self();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ViaHeader.names(((HttpServletRequest) request).getHeader("Via"), self)) {
            PlainText.send((HttpServletResponse) response, SC_LOOP_DETECTED, "loop detected", PlainText.NO_STORE);
            return;
        }
        chain.doFilter(request, response);
    }
}
