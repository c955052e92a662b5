package io.pixmesh.cache;

import io.pixmesh.http.HttpDates;
import io.pixmesh.http.ResponseHeaders;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Receives the origin's answer in memory instead of sending it: status, header fields and up to
 * {@code limit} body bytes. Nothing reaches the client's response through this wrapper, so the
 * cache decides afterwards what the client gets, and an answer that turns out larger than
 * {@code limit} can be abandoned and asked for again without a wrapper (so that it keeps
 * sendfile and is never held in memory).
 *
 * <p>{@code Date}, {@code Content-Length} and hop-by-hop fields are not kept: the container
 * writes them for each answer.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

    private static final Set<String> NOT_KEPT = Set.of(
            "date", "content-length", "connection", "keep-alive", "transfer-encoding");

    private final long limit;
    private final List<ResponseHeaders.Header> headers = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = SC_OK;
    private boolean tooLarge;
    private PrintWriter writer;

    CapturedResponse(HttpServletResponse response, long limit) {
        super(response);
        this.limit = limit;
    }

    /** Thrown to the origin when it writes an answer too large to keep: nobody will read the rest. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("answer larger than the cache keeps");
        }
    }

    /** Whether the body was (or was declared) longer than the limit; then nothing was kept. */
    boolean tooLarge() {
        return tooLarge;
    }

    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return body.toByteArray();
    }

    ResponseHeaders headers() {
        ResponseHeaders.Builder builder = ResponseHeaders.builder();
        headers.forEach(header -> builder.add(header.name(), header.value()));
        return builder.build();
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc) {
        reset();
        status = sc;
    }

    @Override
    public void sendError(int sc, String msg) {
        sendError(sc);
    }

    @Override
    public void setHeader(String name, String value) {
        headers.removeIf(header -> header.name().equalsIgnoreCase(name));
        addHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (value != null && !NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
            headers.add(new ResponseHeaders.Header(name, value));
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, HttpDates.format(Instant.ofEpochMilli(date)));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, HttpDates.format(Instant.ofEpochMilli(date)));
    }

    @Override
    public boolean containsHeader(String name) {
        return getHeader(name) != null;
    }

    @Override
    public String getHeader(String name) {
        return getHeaders(name).stream().findFirst().orElse(null);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ResponseHeaders.Header::value).toList();
    }

    @Override
    public Collection<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        headers.forEach(header -> names.add(header.name()));
        return names;
    }

    @Override
    public void setContentType(String type) {
        if (type == null) {
            headers.removeIf(header -> header.name().equalsIgnoreCase("Content-Type"));
        } else {
            setHeader("Content-Type", type);
        }
    }

    @Override
    public String getContentType() {
        return getHeader("Content-Type");
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (len > limit) {
            abandon();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void reset() {
        headers.clear();
        resetBuffer();
        status = SC_OK;
        tooLarge = false;
    }

    @Override
    public void resetBuffer() {
        body.reset();
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void flushBuffer() {
        // Nothing is sent from here: the cache answers the client once the origin is done.
    }

    private void abandon() {
        tooLarge = true;
        body.reset();
    }

    private final ServletOutputStream stream = new ServletOutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!tooLarge && body.size() + (long) length > limit) {
                abandon();
            }
            if (tooLarge) {
                throw new TooLargeException();
            }
            body.write(bytes, offset, length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("the cache reads the origin's answer synchronously");
        }
    };
}
