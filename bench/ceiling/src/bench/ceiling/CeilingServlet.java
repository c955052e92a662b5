package bench.ceiling;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's ceiling: the cheapest answer a servlet in this Tomcat can give for an image.
 * The files named by the context-params {@code ceiling.dir} and {@code ceiling.files} (comma
 * separated, relative) are read into memory at start-up with every header value precomputed;
 * a request is one map look-up, one string comparison for {@code If-None-Match}, fixed
 * headers and one write of the array. It sends the same header names, with values of the same
 * length, as a Pixmesh cache hit, so both put the same bytes on the wire.
 */
public final class CeilingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400";
    private static final String CACHE_STATUS = "Pixmesh; hit; ttl=2";

    private record Entry(byte[] body, String etag, String lastModified, String reprDigest) {
    }

    private transient Map<String, Entry> entries;

    @Override
    public void init() throws ServletException {
        Path dir = Path.of(getServletContext().getInitParameter("ceiling.dir"));
        Map<String, Entry> loaded = new HashMap<>();
        try {
            for (String name : getServletContext().getInitParameter("ceiling.files").split(",")) {
                Path file = dir.resolve(name.trim());
                byte[] body = Files.readAllBytes(file);
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
                byte[] prefix = new byte[16];
                System.arraycopy(sha, 0, prefix, 0, 16);
                String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(prefix) + "\"";
                String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC));
                String repr = "sha-256=:" + Base64.getEncoder().encodeToString(sha) + ":";
                loaded.put("/" + name.trim(), new Entry(body, etag, lastModified, repr));
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ServletException("ceiling: cannot load files", e);
        }
        entries = Map.copyOf(loaded);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Entry entry = entries.get(request.getServletPath());
        if (entry == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("ETag", entry.etag);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("Age", "0");
        response.setHeader("Cache-Status", CACHE_STATUS);
        if (entry.etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("image/jpeg");
        response.setHeader("Last-Modified", entry.lastModified);
        response.setHeader("Repr-Digest", entry.reprDigest);
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(entry.body.length);
        response.getOutputStream().write(entry.body);
    }
}
