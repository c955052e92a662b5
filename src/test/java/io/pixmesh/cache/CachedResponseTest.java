package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pixmesh.http.EntityTag;
import io.pixmesh.http.ResponseHeaders.Header;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.Validators;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CachedResponseTest {

    private static final String MODIFIED = "Fri, 01 Mar 2024 10:00:00 GMT";
    private static final String LATER = "Fri, 01 Mar 2024 10:00:01 GMT";
    private static final long STORED_AT = 1_700_000_000_000L;

    private final byte[] body = "image bytes".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readsValidatorsAndDirectivesFromTheStoredFields() {
        CachedResponse response = image("\"v1\"", MODIFIED);

        assertThat(response.etag()).contains(EntityTag.strong("v1"));
        assertThat(response.lastModified()).contains(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(response.validators()).contains(
                new Validators(EntityTag.strong("v1"), Instant.parse("2024-03-01T10:00:00Z")));
        assertThat(response.directives().maxAge()).hasValue(86400);
        assertThat(response.directives().staleWhileRevalidate()).hasValue(60);
    }

    @Test
    void invalidOrAbsentValidatorsReadAsAbsent() {
        CachedResponse response = image("v1", "yesterday");

        assertThat(response.etag()).isEmpty();
        assertThat(response.lastModified()).isEmpty();
        assertThat(response.validators()).isEmpty();
    }

    @Test
    void validatorsNeedBothFields() {
        assertThat(image("\"v1\"", null).validators()).isEmpty();
        assertThat(image(null, MODIFIED).validators()).isEmpty();
    }

    @Test
    void readsEveryCacheControlLineAsOneList() {
        ResponseHeaders headers = ResponseHeaders.builder()
                .add("Cache-Control", "public")
                .add("cache-control", "max-age=5, stale-if-error=7")
                .build();

        CachedResponse response = CachedResponse.of(200, headers, body, STORED_AT);

        assertThat(response.directives().isPublic()).isTrue();
        assertThat(response.directives().maxAge()).hasValue(5);
        assertThat(response.directives().staleIfError()).hasValue(7);
    }

    @Test
    void dropsTheFieldsTheCacheOrContainerWritesPerAnswer() {
        ResponseHeaders headers = ResponseHeaders.builder()
                .add("Content-Type", "image/png")
                .add("Date", MODIFIED)
                .add("content-length", "11")
                .add("Age", "3")
                .add("Connection", "close")
                .add("Transfer-Encoding", "chunked")
                .add("Keep-Alive", "timeout=5")
                .add("ETag", "\"v1\"")
                .build();

        CachedResponse response = CachedResponse.of(200, headers, body, STORED_AT);

        assertThat(response.headers().all()).containsExactly(
                new Header("Content-Type", "image/png"), new Header("ETag", "\"v1\""));
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 206, 301, 304, 410, 500})
    void storesOnly200And404(int status) {
        assertThatIllegalArgumentException().isThrownBy(
                () -> CachedResponse.of(status, ResponseHeaders.builder().build(), body, 0));
    }

    @Test
    void sharesTheBodyInsteadOfCopyingIt() {
        CachedResponse response = image("\"v1\"", MODIFIED);

        assertThat(response.body()).isSameAs(body);
        assertThat(response.revalidated(STORED_AT + 1, notModified("\"v1\"")).orElseThrow().body())
                .isSameAs(body);
    }

    @Test
    void revalidationReplacesSameNamedFieldsAndResetsStorageTime() {
        CachedResponse stored = CachedResponse.of(200, ResponseHeaders.builder()
                .add("Content-Type", "image/png")
                .add("Cache-Control", "max-age=60")
                .add("Cache-Control", "stale-if-error=60")
                .add("ETag", "\"v1\"")
                .add("X-Kept", "yes")
                .build(), body, STORED_AT);
        ResponseHeaders notModified = ResponseHeaders.builder()
                .add("cache-control", "max-age=120")
                .add("ETag", "\"v1\"")
                .add("Date", LATER)
                .build();

        CachedResponse fresh = stored.revalidated(STORED_AT + 5_000, notModified).orElseThrow();

        assertThat(fresh).isNotSameAs(stored);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.storedAtMillis()).isEqualTo(STORED_AT + 5_000);
        assertThat(fresh.validatedAtMillis()).isEqualTo(STORED_AT + 5_000);
        assertThat(fresh.headers().all()).containsExactly(
                new Header("Content-Type", "image/png"),
                new Header("cache-control", "max-age=120"),
                new Header("ETag", "\"v1\""),
                new Header("X-Kept", "yes"));
        assertThat(fresh.directives().maxAge()).hasValue(120);
        assertThat(fresh.directives().staleIfError()).isEmpty();
        assertThat(stored.storedAtMillis()).isEqualTo(STORED_AT);
        assertThat(stored.validatedAtMillis()).isEqualTo(STORED_AT);
    }

    @Test
    void fieldsTheStoredResponseLackedAreAddedAtTheEnd() {
        CachedResponse stored = CachedResponse.of(200, ResponseHeaders.builder()
                .add("Content-Type", "image/png")
                .add("ETag", "\"v1\"")
                .build(), body, STORED_AT);
        ResponseHeaders notModified = ResponseHeaders.builder()
                .add("Vary", "Accept")
                .add("ETag", "\"v1\"")
                .build();

        CachedResponse fresh = stored.revalidated(STORED_AT + 5_000, notModified).orElseThrow();

        assertThat(fresh.headers().all()).containsExactly(
                new Header("Content-Type", "image/png"),
                new Header("ETag", "\"v1\""),
                new Header("Vary", "Accept"));
    }

    @Test
    void a304ThatChangesNoFieldFreshensTheSameInstanceInPlace() {
        CachedResponse stored = image("\"v1\"", MODIFIED);
        ResponseHeaders sameFields = ResponseHeaders.builder()
                .add("ETag", "\"v1\"")
                .add("Cache-Control", "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400")
                .add("Date", LATER)
                .build();

        CachedResponse fresh = stored.revalidated(STORED_AT + 5_000, sameFields).orElseThrow();
        CachedResponse earlier = stored.revalidated(STORED_AT + 1_000, sameFields).orElseThrow();

        assertThat(fresh).isSameAs(stored).isSameAs(earlier);
        assertThat(stored.validatedAtMillis()).as("never moved back").isEqualTo(STORED_AT + 5_000);
        assertThat(stored.storedAtMillis()).isEqualTo(STORED_AT);
        assertThat(stored.headers().all()).isEqualTo(image("\"v1\"", MODIFIED).headers().all());
        assertThat(stored).as("the validation time is not content").isEqualTo(image("\"v1\"", MODIFIED));
    }

    @Test
    void a304WithANewValueForAStoredFieldGivesANewResponse() {
        CachedResponse stored = image("\"v1\"", MODIFIED);

        CachedResponse fresh = stored.revalidated(STORED_AT + 5_000, ResponseHeaders.builder()
                .add("ETag", "\"v1\"").add("Cache-Control", "public, max-age=60").build()).orElseThrow();

        assertThat(fresh).isNotSameAs(stored);
        assertThat(stored.validatedAtMillis()).as("the stored one is left as it was").isEqualTo(STORED_AT);
        assertThat(fresh.directives().maxAge()).hasValue(60);
    }

    @ParameterizedTest(name = "[{index}] stored {0} / {1}, 304 has {2} / {3} -> updates: {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // stored ETag | stored Last-Modified | 304 ETag | 304 Last-Modified | updates
        "'\"v1\"'      | T                    | '\"v1\"'   | -  | true",
        "'\"v1\"'      | T                    | 'W/\"v1\"' | -  | true",
        "'\"v1\"'      | T                    | '\"v2\"'   | -  | false",
        "'\"v1\"'      | T                    | '\"v2\"'   | T  | false",
        "'W/\"v1\"'    | T                    | '\"v1\"'   | -  | false",
        "'W/\"v1\"'    | T                    | 'W/\"v1\"' | -  | true",
        "-             | T                    | '\"v1\"'   | -  | false",
        "'\"v1\"'      | T                    | -          | T  | true",
        "'\"v1\"'      | T                    | -          | T+ | false",
        "'\"v1\"'      | -                    | -          | T  | false",
        "'\"v1\"'      | T                    | -          | -  | false",
        "-             | T                    | -          | -  | false",
        "-             | -                    | -          | -  | true",
    })
    void revalidationUpdatesOnlyTheResponseThe304Describes(String storedTag, String storedDate,
            String sentTag, String sentDate, boolean updates) {
        CachedResponse stored = image(storedTag, date(storedDate));
        ResponseHeaders.Builder notModified = ResponseHeaders.builder();
        if (sentTag != null) {
            notModified.add("ETag", sentTag);
        }
        if (sentDate != null) {
            notModified.add("Last-Modified", date(sentDate));
        }

        Optional<CachedResponse> fresh = stored.revalidated(STORED_AT + 1, notModified.build());

        assertThat(fresh.isPresent()).isEqualTo(updates);
    }

    @Test
    void equalityComparesBodyBytesNotArrays() {
        CachedResponse one = image("\"v1\"", MODIFIED);
        CachedResponse same = CachedResponse.of(200, one.headers(), body.clone(), STORED_AT);
        CachedResponse otherBody = CachedResponse.of(200, one.headers(), new byte[3], STORED_AT);
        CachedResponse otherTime = CachedResponse.of(200, one.headers(), body, STORED_AT + 1);

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(otherBody).isNotEqualTo(otherTime);
    }

    private CachedResponse image(String etag, String lastModified) {
        ResponseHeaders.Builder headers = ResponseHeaders.builder()
                .add("Content-Type", "image/png")
                .add("Cache-Control",
                        "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400");
        if (etag != null) {
            headers.add("ETag", etag);
        }
        if (lastModified != null) {
            headers.add("Last-Modified", lastModified);
        }
        return CachedResponse.of(200, headers.build(), body, STORED_AT);
    }

    private static ResponseHeaders notModified(String etag) {
        return ResponseHeaders.builder().add("ETag", etag).build();
    }

    private static String date(String token) {
        return token == null ? null : List.of(MODIFIED, LATER).get(token.equals("T") ? 0 : 1);
    }
}
