package io.pixmesh.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes an {@link AccessEvent} as one JSON object on one line, every field always present, in
 * a fixed order with {@code id} first:
 *
 * <pre>{"id":"lon-img-01-mf3k2a9xq7c1-42","time":"2025-06-01T12:00:00.123Z","site":"lon","node":"img-01",
 * "client":"203.0.113.9","method":"GET","path":"/images/a.png","status":200,"bytes":5120,"durationUs":431,
 * "cache":"Pixmesh; hit; ttl=1","source":"cache","peerFetchUs":null,"userAgent":"...","referer":""}</pre>
 *
 * <p>Jackson's generator does the escaping, told to escape every character outside printable
 * ASCII: control characters ({@code \n}, {@code \}{@code u0000}), DEL and everything non-ASCII
 * ({@code \}{@code u00E9}). A line is thus plain printable ASCII: a client cannot break it apart,
 * and rsyslog's escaping of control and 8-bit characters never alters it on the way to the
 * collectors.
 */
final class AccessLine {

    private static final int LAST_PRINTABLE_ASCII = '~';
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .highestNonEscapedChar(LAST_PRINTABLE_ASCII)
            .characterEscapes(new DeleteEscaped())
            .build();

    private final String site;
    private final String node;
    private final LineTime times = new LineTime();

    AccessLine(String site, String node) {
        this.site = site;
        this.node = node;
    }

    String format(AccessEvent event) {
        StringWriter line = new StringWriter(384);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("id", event.id());
            json.writeStringField("time", times.format(event.startMillis()));
            json.writeStringField("site", site);
            json.writeStringField("node", node);
            json.writeStringField("client", event.client());
            json.writeStringField("method", event.method());
            json.writeStringField("path", event.path());
            json.writeNumberField("status", event.status());
            json.writeNumberField("bytes", event.bytes());
            json.writeNumberField("durationUs", event.durationMicros());
            json.writeStringField("cache", event.cacheStatus());
            json.writeStringField("source", event.source());
            json.writeFieldName("peerFetchUs");
            if (event.peerFetchMicros().isPresent()) {
                json.writeNumber(event.peerFetchMicros().getAsLong());
            } else {
                json.writeNull();
            }
            json.writeStringField("userAgent", event.userAgent());
            json.writeStringField("referer", event.referer());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return line.toString();
    }

    /** Jackson's standard escapes, plus DEL: the one ASCII control character they leave as it is. */
    private static final class DeleteEscaped extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        DeleteEscaped() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
