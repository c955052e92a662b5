package io.pixmesh.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartByterangesTest {

    private static final byte[] BODY = "abcdefghij".getBytes(US_ASCII);

    @Test
    void writesTheRfc9110LayoutByteForByte() throws IOException {
        MultipartByteranges multipart = new MultipartByteranges("image/png",
                List.of(new ByteRange(0, 1), new ByteRange(5, 9)), BODY.length, "B0undary");

        String expected = "\r\n--B0undary\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-Range: bytes 0-1/10\r\n"
                + "\r\n"
                + "ab"
                + "\r\n--B0undary\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-Range: bytes 5-9/10\r\n"
                + "\r\n"
                + "fghij"
                + "\r\n--B0undary--\r\n";
        assertThat(new String(write(multipart, BODY), US_ASCII)).isEqualTo(expected);
        assertThat(multipart.contentLength()).isEqualTo(expected.length());
        assertThat(multipart.contentType()).isEqualTo("multipart/byteranges; boundary=B0undary");
    }

    @Test
    void roundTripsRandomRangesOfRandomBytesWithTheAnnouncedLength() throws IOException {
        Random random = new Random(2046);
        for (int i = 0; i < 500; i++) {
            byte[] body = new byte[1 + random.nextInt(5000)];
            random.nextBytes(body);
            List<ByteRange> ranges = randomRanges(random, body.length);
            String boundary = MultipartByteranges.newBoundary();
            MultipartByteranges multipart =
                    new MultipartByteranges("image/jpeg", ranges, body.length, boundary);

            byte[] written = write(multipart, body);

            assertThat((long) written.length).isEqualTo(multipart.contentLength());
            List<Part> parts = parse(written, boundary);
            assertThat(parts).hasSameSizeAs(ranges);
            for (int p = 0; p < parts.size(); p++) {
                ByteRange range = ranges.get(p);
                assertThat(parts.get(p).headers).containsExactly("Content-Type: image/jpeg",
                        "Content-Range: " + range.contentRange(body.length));
                assertThat(parts.get(p).bytes).isEqualTo(Arrays.copyOfRange(
                        body, (int) range.first(), (int) range.last() + 1));
            }
        }
    }

    @Test
    void answerToAnyRangeFieldIsNeverMuchLargerThanTheRepresentation() {
        Random random = new Random(1437);
        String boundary = MultipartByteranges.newBoundary();
        for (int i = 0; i < 20_000; i++) {
            long length = 1 + (random.nextBoolean() ? random.nextInt(100_000) : Long.MAX_VALUE / 3);
            StringBuilder field = new StringBuilder("bytes=");
            int count = 1 + random.nextInt(ByteRanges.MAX_RANGES);
            for (int s = 0; s < count; s++) {
                long first = Math.floorMod(random.nextLong(), length);
                field.append(first).append('-').append(first + random.nextInt(200)).append(',');
            }

            RangeRequest result = ByteRanges.parse(field.toString(), length);

            if (result instanceof RangeRequest.Satisfiable) {
                List<ByteRange> ranges = ((RangeRequest.Satisfiable) result).ranges();
                long sent = new MultipartByteranges("image/avif", ranges, length, boundary)
                        .contentLength();
                assertThat(sent).isLessThanOrEqualTo(length + ByteRanges.MAX_RANGES
                        * largestPartHead("image/avif", boundary, length) + closeLength(boundary));
            }
        }
    }

    @Test
    void freshBoundariesAre32HexDigitsAndDiffer() {
        String one = MultipartByteranges.newBoundary();
        String two = MultipartByteranges.newBoundary();

        assertThat(one).matches("[0-9a-f]{32}");
        assertThat(two).matches("[0-9a-f]{32}").isNotEqualTo(one);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "quote\"d", "semi;colon", "crlf\r\n",
        "x1234567890123456789012345678901234567890123456789012345678901234567890"})
    void rejectsBoundariesThatWouldBreakTheBodyOrTheContentType(String boundary) {
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartByteranges(
                "image/png", List.of(new ByteRange(0, 1)), 10, boundary));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "image/png\r\nSet-Cookie: x=1", "image/caf\u00e9"})
    void rejectsContentTypesThatAreNotOneLineOfAscii(String contentType) {
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartByteranges(
                contentType, List.of(new ByteRange(0, 1)), 10, "b"));
    }

    @Test
    void rejectsNoRangesAndRangesOutsideTheRepresentation() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MultipartByteranges("image/png", List.of(), 10, "b"));
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartByteranges(
                "image/png", List.of(new ByteRange(5, 10)), 10, "b"));
    }

    private static long largestPartHead(String contentType, String boundary, long length) {
        long last = length - 1;
        return ("\r\n--" + boundary + "\r\nContent-Type: " + contentType
                + "\r\nContent-Range: bytes " + last + "-" + last + "/" + length + "\r\n\r\n")
                .length();
    }

    private static long closeLength(String boundary) {
        return ("\r\n--" + boundary + "--\r\n").length();
    }

    private static List<ByteRange> randomRanges(Random random, int length) {
        List<ByteRange> ranges = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int first = random.nextInt(length);
            ranges.add(new ByteRange(first, first + random.nextInt(length - first)));
        }
        return ranges;
    }

    private static byte[] write(MultipartByteranges multipart, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        multipart.writeTo(out, BodySlices.of(body));
        return out.toByteArray();
    }

    private record Part(List<String> headers, byte[] bytes) {
    }

    /** A minimal RFC 2046 reader: parts are whatever lies between delimiter lines. */
    private static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(US_ASCII);
        byte[] close = ("\r\n--" + boundary + "--\r\n").getBytes(US_ASCII);
        assertThat(Arrays.copyOfRange(body, body.length - close.length, body.length))
                .isEqualTo(close);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        assertThat(at).isZero();
        while (at < body.length - close.length) {
            int headStart = at + delimiter.length + 2;
            int headEnd = indexOf(body, "\r\n\r\n".getBytes(US_ASCII), headStart);
            String head = new String(body, headStart, headEnd - headStart, US_ASCII);
            int next = indexOf(body, delimiter, headEnd + 4);
            parts.add(new Part(List.of(head.split("\r\n")),
                    Arrays.copyOfRange(body, headEnd + 4, next)));
            at = next;
        }
        return parts;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found: " + new String(needle, US_ASCII));
    }
}
