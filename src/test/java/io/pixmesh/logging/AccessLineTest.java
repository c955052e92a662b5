package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccessLineTest {

    private static final AccessLine LINE = new AccessLine("lon", "img-01");

    private static AccessEvent event(String userAgent, OptionalLong peerFetch) {
        return new AccessEvent("lon-img-01-mbx1abcd-42", 1_750_000_000_123L, "203.0.113.9", "GET", "/images/a%20b.png",
                200, 5120, 431, "Pixmesh; hit; ttl=1", "cache", peerFetch, userAgent, "https://example.net/page");
    }

    /** The line parsed back: field name to the text of its value, in the order written. */
    private static Map<String, String> parse(String line) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser json = new JsonFactory().createParser(line)) {
            assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                fields.put(name, value == JsonToken.VALUE_NULL ? null : json.getText());
            }
            assertThat(json.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(json.nextToken()).isNull();
        }
        return fields;
    }

    @Test
    void everyFieldIsWrittenInTheDocumentedOrderIdFirst() throws Exception {
        Map<String, String> fields = parse(LINE.format(event("curl/8.5", OptionalLong.empty())));

        assertThat(fields.keySet()).containsExactly("id", "time", "site", "node", "client", "method", "path", "status",
                "bytes", "durationUs", "cache", "source", "peerFetchUs", "userAgent", "referer");
        assertThat(fields).containsEntry("id", "lon-img-01-mbx1abcd-42")
                .containsEntry("time", "2025-06-15T15:06:40.123Z")
                .containsEntry("site", "lon")
                .containsEntry("node", "img-01")
                .containsEntry("client", "203.0.113.9")
                .containsEntry("path", "/images/a%20b.png")
                .containsEntry("status", "200")
                .containsEntry("bytes", "5120")
                .containsEntry("durationUs", "431")
                .containsEntry("cache", "Pixmesh; hit; ttl=1")
                .containsEntry("source", "cache")
                .containsEntry("peerFetchUs", null)
                .containsEntry("userAgent", "curl/8.5");
    }

    @Test
    void thePeerFetchTimeIsANumberWhenThereWasOne() throws Exception {
        String line = LINE.format(event("x", OptionalLong.of(12_345)));

        assertThat(line).contains("\"peerFetchUs\":12345,");
    }

    @Test
    void hostileTextRoundTripsAndTheLineStaysOnePrintableAsciiLine() throws Exception {
        String hostile = "a \"quoted\" \\ back\\slash\nnew line\r\ttab \u0000 nul \u001b[31m \u007f é 日本 😀 \u2028 }{";

        String line = LINE.format(event(hostile, OptionalLong.empty()));

        assertThat(parse(line)).containsEntry("userAgent", hostile);
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
        assertThat(line).contains("\\u007F").contains("\\u00E9").contains("\\n");
    }

    @Test
    void aLoneSurrogateCannotBreakTheLine() {
        String line = LINE.format(event("x\ud800y", OptionalLong.empty()));

        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    @Test
    void everyTextFieldRoundTripsWhateverCharactersItHolds() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            String[] text = new String[6];
            for (int t = 0; t < text.length; t++) {
                StringBuilder value = new StringBuilder();
                int length = random.nextInt(12);
                for (int c = 0; c < length; c++) {
                    // Mostly the interesting first 256 characters, sometimes any UTF-16 unit at all.
                    value.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(0x100)));
                }
                text[t] = value.toString();
            }
            AccessEvent event = new AccessEvent(text[0], 1_750_000_000_123L, text[1], text[2], text[3], 404, 0, 7,
                    text[4], "", OptionalLong.of(i), text[5], text[0]);

            String line = LINE.format(event);

            assertThat(line.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
            assertThat(parse(line))
                    .containsEntry("id", text[0]).containsEntry("client", text[1]).containsEntry("method", text[2])
                    .containsEntry("path", text[3]).containsEntry("cache", text[4]).containsEntry("userAgent", text[5])
                    .containsEntry("referer", text[0]).containsEntry("peerFetchUs", Integer.toString(i))
                    .containsEntry("status", "404");
        }
    }
}
