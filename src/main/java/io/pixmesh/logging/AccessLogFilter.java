package io.pixmesh.logging;

import io.pixmesh.Pixmesh;
import io.pixmesh.config.PixmeshConfig;
import io.pixmesh.web.FieldLines;
import io.pixmesh.web.RequestFacts;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access line per request, first in the chain: it sees every request, including those the
 * cache answers and those refused before any servlet, and it times the whole answer.
 *
 * <p>The line goes to the Logback logger {@value #LOGGER}. The shipped configuration hands it to
 * an asynchronous appender that writes a local file, so a request thread only formats its line
 * and queues it; it never waits on a network, and waits on the disk only when the queue is full
 * (lines are never dropped). See {@code docs/logging.md}.
 *
 * <p>The response passed down is wrapped only to count the body bytes that go through its
 * output stream; sendfile bodies are counted from the sendfile request attributes.
 */
public final class AccessLogFilter implements Filter {

    /** The Logback logger that receives one JSON line per request. */
    public static final String LOGGER = "pixmesh.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private RequestIds ids;
    private ClientAddress clients;
    private AccessLine lines;
    private RequestMetrics metrics;

    @Override
    public void init(FilterConfig filterConfig) {
        Pixmesh pixmesh = Pixmesh.of(filterConfig.getServletContext());
        PixmeshConfig config = pixmesh.config();
        ids = new RequestIds(config.site(), config.node(), pixmesh.boot());
        clients = new ClientAddress(config.trustedProxies());
        lines = new AccessLine(config.site(), config.node());
        metrics = new RequestMetrics(pixmesh.metrics());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String id = ids.next();
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        CountingResponse response = new CountingResponse((HttpServletResponse) res);
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            completed = true;
        } finally {
            long micros = (System.nanoTime() - startNanos) / 1_000;
            AccessEvent event = event(id, startMillis, micros, request, response, completed);
            boolean logged = log.isInfoEnabled();
            if (logged) {
                log.info(lines.format(event));
            }
            metrics.record(event, logged);
        }
    }

    private AccessEvent event(String id, long startMillis, long durationMicros, HttpServletRequest request,
            CountingResponse response, boolean completed) {
        // An exception the container has yet to turn into an answer becomes a 500, unless the
        // status already went out.
        int status = completed || response.isCommitted()
                ? response.getStatus()
                : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        long bytes = SentBytes.of(request.getMethod(), status, response.bytesWritten(),
                request.getAttribute(SentBytes.SENDFILE_START), request.getAttribute(SentBytes.SENDFILE_END));
        return new AccessEvent(
                id,
                startMillis,
                client(request),
                request.getMethod(),
                request.getRequestURI(),
                status,
                bytes,
                durationMicros,
                text(response.getHeader("Cache-Status")),
                text(request.getAttribute(RequestFacts.SOURCE)),
                request.getAttribute(RequestFacts.PEER_FETCH_MICROS) instanceof Long micros
                        ? OptionalLong.of(micros) : OptionalLong.empty(),
                text(request.getHeader("User-Agent")),
                text(request.getHeader("Referer")));
    }

    private String client(HttpServletRequest request) {
        return clients.of(request.getRemoteAddr(), FieldLines.of(request, "X-Forwarded-For"));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
