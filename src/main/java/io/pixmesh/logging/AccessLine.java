package io.pixmesh.logging;

/**
 * Writes an {@link AccessEvent} as one JSON object on one line, every field always present, in
 * a fixed order with {@code id} first:
 *
 * <pre>{"id":"lon-img-01-mf3k2a9xq7c1-42","time":"2025-06-01T12:00:00.123Z","site":"lon","node":"img-01",
 * "client":"203.0.113.9","method":"GET","path":"/images/a.png","status":200,"bytes":5120,"durationUs":431,
 * "cache":"Pixmesh; hit; ttl=1","source":"cache","peerFetchUs":null,"userAgent":"...","referer":""}</pre>
 *
 * <p>Every character outside printable ASCII is escaped: control characters as {@code \n},
 * {@code \r}, {@code \t}, {@code \b}, {@code \f} or {@code \}{@code u001B}, DEL and everything
 * non-ASCII as {@code \}{@code u00E9} (a lone surrogate too), besides {@code "} and {@code \}. A
 * line is thus plain printable ASCII: a client cannot break it apart, and rsyslog's escaping of
 * control and 8-bit characters never alters it on the way to the collectors.
 *
 * <p>Written by hand rather than with Jackson's generator, which the line used first: the shape
 * is fixed, the escaping is the few rules above, and this runs on the request thread of every
 * request, where a generator, its writer and their copies cost more than the rest of the line
 * ({@code docs/benchmarks.md}). Tests parse the lines back with Jackson.
 */
final class AccessLine {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int LINE_CAPACITY = 384;

    private final String site;
    private final String node;
    private final LineTime times = new LineTime();

    AccessLine(String site, String node) {
        this.site = site;
        this.node = node;
    }

    String format(AccessEvent event) {
        StringBuilder line = new StringBuilder(LINE_CAPACITY);
        line.append("{\"id\":");
        string(line, event.id());
        line.append(",\"time\":\"").append(times.format(event.startMillis())).append('"');
        line.append(",\"site\":");
        string(line, site);
        line.append(",\"node\":");
        string(line, node);
        line.append(",\"client\":");
        string(line, event.client());
        line.append(",\"method\":");
        string(line, event.method());
        line.append(",\"path\":");
        string(line, event.path());
        line.append(",\"status\":").append(event.status());
        line.append(",\"bytes\":").append(event.bytes());
        line.append(",\"durationUs\":").append(event.durationMicros());
        line.append(",\"cache\":");
        string(line, event.cacheStatus());
        line.append(",\"source\":");
        string(line, event.source());
        line.append(",\"peerFetchUs\":");
        if (event.peerFetchMicros().isPresent()) {
            line.append(event.peerFetchMicros().getAsLong());
        } else {
            line.append("null");
        }
        line.append(",\"userAgent\":");
        string(line, event.userAgent());
        line.append(",\"referer\":");
        string(line, event.referer());
        return line.append('}').toString();
    }

    /** {@code value} as a JSON string, quoted and escaped as the class comment says. */
    private static void string(StringBuilder line, String value) {
        line.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                continue;
            }
            line.append(value, plainFrom, i);
            escape(line, c);
            plainFrom = i + 1;
        }
        line.append(value, plainFrom, value.length()).append('"');
    }

    private static void escape(StringBuilder line, char c) {
        switch (c) {
            case '"' -> line.append("\\\"");
            case '\\' -> line.append("\\\\");
            case '\n' -> line.append("\\n");
            case '\r' -> line.append("\\r");
            case '\t' -> line.append("\\t");
            case '\b' -> line.append("\\b");
            case '\f' -> line.append("\\f");
            default -> line.append("\\u")
                    .append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                    .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
        }
    }
}
