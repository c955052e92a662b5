package io.pixmesh.serve;

import static io.pixmesh.serve.ImageFixtures.BIG;
import static io.pixmesh.serve.ImageFixtures.PHOTO;
import static io.pixmesh.serve.ImageFixtures.SMALL;
import static io.pixmesh.serve.ImageFixtures.SMALL_MTIME;
import static io.pixmesh.serve.ImageFixtures.etagOf;
import static io.pixmesh.serve.ImageFixtures.reprDigestOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixmesh.testing.HttpExchange.Response;
import io.pixmesh.testing.HttpExchange;
import io.pixmesh.testing.PixmeshWar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What any correct Pixmesh deployment answers for the {@link ImageFixtures} files, over real
 * HTTP. Subclasses supply the deployment (servlet alone, or behind the caching filter) and the
 * context path; the answers must not differ.
 */
abstract class ImageHttpContract {

    static final String DEFAULT_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400";
    static final String SMALL_LAST_MODIFIED = "Fri, 01 Mar 2024 10:15:30 GMT";

    /** The context path, e.g. {@code /images}. */
    abstract String context();

    Response send(HttpExchange exchange) throws IOException {
        return exchange.send(PixmeshWar.port());
    }

    Response get(String path) throws IOException {
        return send(HttpExchange.get(context() + path));
    }

    Response get(String path, String header, String value) throws IOException {
        return send(HttpExchange.get(context() + path).header(header, value));
    }

    // ---- 200 and its headers ----

    @Test
    void aFullGetCarriesTheBytesAndEveryRepresentationHeader() throws IOException {
        Response response = get("/small.png");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SMALL);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header("Content-Length")).isEqualTo("1000");
        assertThat(response.header("ETag")).isEqualTo(etagOf(SMALL));
        assertThat(response.header("Repr-Digest")).isEqualTo(reprDigestOf(SMALL));
        assertThat(response.header("Last-Modified")).isEqualTo(SMALL_LAST_MODIFIED);
        assertThat(response.header("Cache-Control")).isEqualTo(DEFAULT_CACHE_CONTROL);
        assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Date")).isNotNull();
    }

    @Test
    void noCookieNoVaryNoServerVersionNoChunking() throws IOException {
        Response response = get("/small.png");

        assertThat(response.headers()).doesNotContainKeys("set-cookie", "vary", "server", "transfer-encoding");
    }

    @Test
    void headSendsTheSameHeadersAndNoBody() throws IOException {
        Response get = get("/gallery/photo.jpg");
        Response head = send(HttpExchange.request("HEAD", context() + "/gallery/photo.jpg"));

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(PHOTO.length));
        for (String name : List.of("Content-Type", "ETag", "Repr-Digest", "Last-Modified", "Cache-Control", "Accept-Ranges")) {
            assertThat(head.header(name)).as(name).isEqualTo(get.header(name));
        }
    }

    @Test
    void theQueryStringNeverChangesWhatIsServed() throws IOException {
        Response plain = get("/small.png");
        Response queried = get("/small.png?w=100&v=2");

        assertThat(queried.status()).isEqualTo(200);
        assertThat(queried.body()).isEqualTo(plain.body());
        assertThat(queried.header("ETag")).isEqualTo(plain.header("ETag"));
    }

    @Test
    void theSameBytesGetTheSameEntityTagWhateverTheirModificationTime() throws IOException {
        Response first = get("/small.png");
        Response second = get("/same-bytes.png");

        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(second.header("Last-Modified")).isNotEqualTo(first.header("Last-Modified"));
    }

    @Test
    void anEmptyFileIsAnEmptyOk() throws IOException {
        Response response = get("/empty.gif");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo("0");
        assertThat(response.header("ETag")).isEqualTo(etagOf(new byte[0]));
        assertThat(response.body()).isEmpty();
    }

    @Test
    void unicodeNamesAreServed() throws IOException {
        assertThat(get("/caf%C3%A9.png").body()).isEqualTo(SMALL);
    }

    @Test
    void aSymlinkInsideTheStoreIsServed() throws IOException {
        assertThat(get("/inside-link.png").body()).isEqualTo(SMALL);
    }

    // ---- media types and policy ----

    @Test
    void svgIsSandboxedAndNeverSniffed() throws IOException {
        Response response = get("/icon.svg");

        assertThat(response.header("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(response.header("Content-Security-Policy")).isEqualTo("sandbox");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void fingerprintedNamesAreImmutableForAYear() throws IOException {
        assertThat(get("/logo.0123abcd.png").header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void aMissingImageIsAShortCacheablePlainNotFound() throws IOException {
        Response response = get("/missing.png");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=10");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain;charset=utf-8");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.text()).isEqualTo("not found\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notes.txt", "/page.html", "/folder.png", "/gallery", "/gallery/", "/", "/index.jsp"})
    void onlyImageFilesAreServedNeverDirectoriesOrOtherFiles(String path) throws IOException {
        Response response = get(path);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).doesNotContain("<");
    }

    // ---- methods ----

    @Test
    void optionsListsTheAllowedMethods() throws IOException {
        Response response = send(HttpExchange.request("OPTIONS", context() + "/small.png"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "PROPFIND"})
    void otherMethodsAreNotAllowed(String method) throws IOException {
        Response response = send(HttpExchange.request(method, context() + "/small.png").header("Content-Length", "0"));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    // ---- preconditions ----

    @Test
    void aMatchingIfNoneMatchIsNotModifiedWithTheCacheHeaders() throws IOException {
        Response response = get("/small.png", "If-None-Match", etagOf(SMALL));

        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("ETag")).isEqualTo(etagOf(SMALL));
        assertThat(response.header("Cache-Control")).isEqualTo(DEFAULT_CACHE_CONTROL);
        assertThat(response.header("Date")).isNotNull();
        assertThat(response.headers()).doesNotContainKeys("content-type", "repr-digest", "content-range");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "If-None-Match     | W/{etag}                        | 304",
        "If-None-Match     | \"other\", {etag}                | 304",
        "If-None-Match     | *                               | 304",
        "If-None-Match     | \"other\"                        | 200",
        "If-Modified-Since | Fri, 01 Mar 2024 10:15:30 GMT   | 304",
        "If-Modified-Since | Friday, 01-Mar-24 10:15:30 GMT  | 304",
        "If-Modified-Since | Fri Mar  1 10:15:30 2024        | 304",
        "If-Modified-Since | Fri, 01 Mar 2024 10:15:29 GMT   | 200",
        "If-Modified-Since | not a date                      | 200",
        "If-Match          | {etag}                          | 200",
        "If-Match          | *                               | 200",
        "If-Match          | \"other\"                        | 412",
        "If-Match          | W/{etag}                        | 412",
        "If-Unmodified-Since | Fri, 01 Mar 2024 10:15:30 GMT | 200",
        "If-Unmodified-Since | Fri, 01 Mar 2024 10:15:29 GMT | 412",
    })
    void eachPreconditionAloneDecidesTheStatus(String header, String value, int status) throws IOException {
        Response response = get("/small.png", header, value.replace("{etag}", etagOf(SMALL)));

        assertThat(response.status()).isEqualTo(status);
        if (status == 412) {
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() throws IOException {
        Response response = send(HttpExchange.get(context() + "/small.png")
                .header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", "Fri, 01 Mar 2024 10:15:30 GMT"));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void ifMatchTakesPrecedenceOverIfUnmodifiedSince() throws IOException {
        Response response = send(HttpExchange.get(context() + "/small.png")
                .header("If-Match", etagOf(SMALL))
                .header("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aFailedIfMatchWinsOverARange() throws IOException {
        Response response = send(HttpExchange.get(context() + "/small.png")
                .header("If-Match", "\"other\"")
                .header("Range", "bytes=0-9"));

        assertThat(response.status()).isEqualTo(412);
    }

    // ---- ranges ----

    @ParameterizedTest
    @CsvSource({
        "bytes=0-99,      0, 99",
        "bytes=900-,      900, 999",
        "bytes=-100,      900, 999",
        "bytes=900-5000,  900, 999",
        "bytes=-5000,     0, 999",
        "bytes=0-0,       0, 0",
        "'bytes=10-19,15-29', 10, 29",
    })
    void aSingleRangeIsPartialContent(String range, int first, int last) throws IOException {
        Response response = get("/small.png", "Range", range);

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("Content-Range")).isEqualTo("bytes " + first + "-" + last + "/1000");
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(last - first + 1));
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header("ETag")).isEqualTo(etagOf(SMALL));
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(SMALL, first, last + 1));
    }

    @Test
    void severalRangesAreAMultipartByterangesBody() throws IOException {
        Response response = get("/gallery/photo.jpg", "Range", "bytes=5000-5099,0-9,-10");

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.headers()).doesNotContainKey("content-range");
        Matcher boundary = Pattern.compile("^multipart/byteranges; ?boundary=(\\S+)$").matcher(response.header("Content-Type"));
        assertThat(boundary.matches()).as(response.header("Content-Type")).isTrue();
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));

        List<Part> parts = Part.parse(response.body(), boundary.group(1));
        assertThat(parts).extracting(Part::contentRange)
                .containsExactly("bytes 0-9/20000", "bytes 5000-5099/20000", "bytes 19990-19999/20000");
        assertThat(parts).extracting(Part::contentType).containsOnly("image/jpeg");
        assertThat(parts.get(0).body()).isEqualTo(Arrays.copyOfRange(PHOTO, 0, 10));
        assertThat(parts.get(1).body()).isEqualTo(Arrays.copyOfRange(PHOTO, 5000, 5100));
        assertThat(parts.get(2).body()).isEqualTo(Arrays.copyOfRange(PHOTO, 19990, 20000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-1999", "bytes=5000-", "bytes=-0"})
    void aRangeBeyondTheEndIsNotSatisfiable(String range) throws IOException {
        Response response = get("/small.png", "Range", range);

        assertThat(response.status()).isEqualTo(416);
        assertThat(response.header("Content-Range")).isEqualTo("bytes */1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=abc", "items=0-9", "bytes=9-0", "bytes 0-9", "bytes="})
    void anInvalidRangeIsIgnored(String range) throws IOException {
        Response response = get("/small.png", "Range", range);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SMALL);
    }

    @Test
    void aRangeRequestCannotMakeTheAnswerMuchLargerThanTheFile() throws IOException {
        StringBuilder abusive = new StringBuilder("bytes=");
        for (int i = 0; i < 200; i++) {
            abusive.append(i == 0 ? "" : ",").append("0-999");
        }
        Response overlapping = get("/small.png", "Range", abusive.toString());
        Response many = get("/gallery/photo.jpg", "Range", manySmallRanges(30));

        assertThat(overlapping.body().length).isLessThanOrEqualTo(SMALL.length + 200);
        assertThat(many.body().length).isLessThanOrEqualTo(PHOTO.length + 30 * 200);
    }

    private static String manySmallRanges(int count) {
        StringBuilder ranges = new StringBuilder("bytes=");
        for (int i = 0; i < count; i++) {
            ranges.append(i == 0 ? "" : ",").append(i * 500).append('-').append(i * 500);
        }
        return ranges.toString();
    }

    @Test
    void headIgnoresRange() throws IOException {
        Response response = send(HttpExchange.request("HEAD", context() + "/small.png").header("Range", "bytes=0-9"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo("1000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{etag}                          | 206",
        "\"other\"                        | 200",
        "W/{etag}                        | 200",
        "Fri, 01 Mar 2024 10:15:30 GMT   | 206",
        "Fri, 01 Mar 2024 10:15:31 GMT   | 200",
        "garbage                         | 200",
    })
    void ifRangeSendsThePartOnlyWhileTheRepresentationIsUnchanged(String ifRange, int status) throws IOException {
        Response response = send(HttpExchange.get(context() + "/small.png")
                .header("Range", "bytes=0-9")
                .header("If-Range", ifRange.replace("{etag}", etagOf(SMALL))));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).hasSize(status == 206 ? 10 : 1000);
    }

    // ---- large files ----

    @Test
    void aLargeFileIsSentWholeAndByRange() throws IOException {
        Response whole = get("/big.jpg");
        Response range = get("/big.jpg", "Range", "bytes=1000000-3999999");

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(BIG);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 1000000-3999999/" + BIG.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(BIG, 1_000_000, 4_000_000));
    }

    // ---- hostile paths ----

    /**
     * Each refusal rule, plain and encoded. Some never reach Pixmesh: Tomcat's connector itself
     * answers 400 for an encoded slash or backslash, NUL, a raw backslash, invalid percent-encoding or a path
     * that climbs above the root. Either way nothing is served and nothing fails.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/gallery/../small.png           | 404",
        "/gallery/%2e%2e/small.png       | 404",
        "/gallery/%2E%2E/small.png       | 404",
        "/./small.png                    | 404",
        "/gallery//photo.jpg             | 404",
        "/%2e%2e/%2e%2e/etc/passwd       | 400",
        "/gallery%2fphoto.jpg            | 400",
        "/gallery%5cphoto.jpg            | 400",
        "/small.png%00                   | 400",
        "/small%0a.png                   | 404",
        "/small%7f.png                   | 404",
        "/%252e%252e/small.png           | 404",
        "/gallery%252fphoto.jpg          | 404",
        "/%c0%ae%c0%ae/small.png         | 400",
        "/%zz.png                        | 400",
        "/small.png;jsessionid=1         | 404",
        "/.hidden.png                    | 404",
        "/.private/secret.png            | 404",
        "/%2ehidden.png                  | 404",
        "/WEB-INF/x.png                  | 404",
        "/web-inf/x.png                  | 404",
        "/META-INF/MANIFEST.MF           | 404",
        "/outside-link.png               | 404",
        "/outside-dir/secret.png         | 404",
        "/-/../small.png                 | 404",
        "/-/nothing-here                 | 404",
        "/small.png/                     | 404",
    })
    void hostilePathsAreRefusedWithoutServingAnything(String path, int status) throws IOException {
        Response response = get(path);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at io.pixmesh");
        assertThat(response.body()).isNotEqualTo(SMALL);
    }

    @Test
    void aRawBackslashIsRefused() throws IOException {
        Response response = get("/gallery\\photo.jpg");

        assertThat(response.status()).isIn(400, 404);
        assertThat(response.body()).isNotEqualTo(PHOTO);
    }

    // ---- health ----

    @Test
    void healthIsOkWhileTheStoreIsReadable() throws IOException {
        Response response = get("/-/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("ok\n");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    /** One part of a multipart/byteranges body. */
    record Part(String contentType, String contentRange, byte[] body) {

        static List<Part> parse(byte[] body, String boundary) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String delimiter = "\r\n--" + boundary;
            assertThat(text).endsWith(delimiter + "--\r\n");
            List<Part> parts = new ArrayList<>();
            String[] chunks = text.substring(0, text.length() - (delimiter + "--\r\n").length()).split(Pattern.quote(delimiter));
            assertThat(chunks[0]).isEmpty();
            for (int i = 1; i < chunks.length; i++) {
                String chunk = chunks[i];
                int headEnd = chunk.indexOf("\r\n\r\n");
                String contentType = null;
                String contentRange = null;
                for (String line : chunk.substring(2, headEnd).split("\r\n")) {
                    String[] field = line.split(":", 2);
                    if (field[0].equalsIgnoreCase("Content-Type")) {
                        contentType = field[1].trim();
                    } else if (field[0].equalsIgnoreCase("Content-Range")) {
                        contentRange = field[1].trim();
                    }
                }
                parts.add(new Part(contentType, contentRange,
                        chunk.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1)));
            }
            return parts;
        }
    }
}
