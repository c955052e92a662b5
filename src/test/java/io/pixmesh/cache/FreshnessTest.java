package io.pixmesh.cache;

import static io.pixmesh.cache.Freshness.State.FRESH;
import static io.pixmesh.cache.Freshness.State.MUST_REVALIDATE;
import static io.pixmesh.cache.Freshness.State.STALE_WHILE_REVALIDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pixmesh.http.ResponseHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreshnessTest {

    private static final long STORED_AT = 1_700_000_000_000L;
    /** Two seconds, the default {@code pixmesh.cache.revalidateSeconds}. */
    private static final Freshness FRESHNESS = new Freshness(2);

    private static final String DEFAULT =
            "public, max-age=86400, stale-while-revalidate=60, stale-if-error=86400";
    private static final Map<String, String> CACHE_CONTROL = Map.of(
            "default", DEFAULT,
            "plain", "public, max-age=86400",
            "swr0", "max-age=86400, stale-while-revalidate=0",
            "must", DEFAULT + ", must-revalidate",
            "no-cache", DEFAULT + ", no-cache",
            "s-maxage", DEFAULT + ", s-maxage=100",
            "negative", "public, max-age=10, stale-while-revalidate=60, stale-if-error=60",
            "negative-s", "public, max-age=10, s-maxage=5",
            "none", "");

    @ParameterizedTest(name = "[{index}] {0} {1} at age {2} ms -> {3}, Age {4}, ttl {5}")
    @CsvSource(delimiter = '|', value = {
        // status | Cache-Control | age ms | state                  | Age | ttl
        "200 | default    |        0 | FRESH                  |  0 |   2",
        "200 | default    |     1999 | FRESH                  |  1 |   1",
        "200 | default    |     2000 | STALE_WHILE_REVALIDATE |  2 |   0",
        "200 | default    |    61999 | STALE_WHILE_REVALIDATE | 61 | -59",
        "200 | default    |    62000 | MUST_REVALIDATE        | 62 | -60",
        "200 | default    |    -5000 | FRESH                  |  0 |   2",
        "200 | plain      |     1999 | FRESH                  |  1 |   1",
        "200 | plain      |     2000 | MUST_REVALIDATE        |  2 |   0",
        "200 | swr0       |     2000 | MUST_REVALIDATE        |  2 |   0",
        "200 | must       |     1999 | FRESH                  |  1 |   1",
        "200 | must       |     2000 | MUST_REVALIDATE        |  2 |   0",
        "200 | s-maxage   |     2000 | MUST_REVALIDATE        |  2 |   0",
        "200 | no-cache   |        0 | MUST_REVALIDATE        |  0 |   0",
        "200 | none       |     1999 | FRESH                  |  1 |   1",
        "404 | negative   |     9999 | FRESH                  |  9 |   1",
        "404 | negative   |    10000 | MUST_REVALIDATE        | 10 |   0",
        "404 | negative-s |     4999 | FRESH                  |  4 |   1",
        "404 | negative-s |     5000 | MUST_REVALIDATE        |  5 |   0",
        "404 | none       |        0 | MUST_REVALIDATE        |  0 |   0",
    })
    void decidesAtTheBoundaries(int status, String cacheControl, long ageMillis,
            Freshness.State state, long age, long ttl) {
        CachedResponse entry = entry(status, cacheControl);
        long now = STORED_AT + ageMillis;

        assertThat(FRESHNESS.state(entry, now)).isEqualTo(state);
        assertThat(Freshness.ageSeconds(entry, now)).isEqualTo(age);
        assertThat(FRESHNESS.ttlSeconds(entry, now)).isEqualTo(ttl);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} at age {2} ms -> {3}")
    @CsvSource(delimiter = '|', value = {
        // status | Cache-Control | age ms | may serve stale on error
        "200 | default    |         0 | true",
        "200 | default    |  86401999 | true",
        "200 | default    |  86402000 | false",
        "200 | plain      |      1999 | true",
        "200 | plain      |      2000 | false",
        "200 | must       |      2000 | false",
        "200 | no-cache   |         0 | false",
        "200 | s-maxage   |      2000 | false",
        "404 | negative   |      9999 | true",
        "404 | negative   |     10000 | false",
    })
    void servesStaleOnErrorWithinStaleIfError(int status, String cacheControl, long ageMillis,
            boolean mayServe) {
        CachedResponse entry = entry(status, cacheControl);

        assertThat(FRESHNESS.mayServeStaleOnError(entry, STORED_AT + ageMillis))
                .isEqualTo(mayServe);
    }

    @Test
    void aZeroIntervalRevalidatesEveryUseButStillServesWhileRevalidating() {
        Freshness everyTime = new Freshness(0);
        CachedResponse entry = entry(200, "default");

        assertThat(everyTime.state(entry, STORED_AT)).isEqualTo(STALE_WHILE_REVALIDATE);
        assertThat(everyTime.state(entry(200, "plain"), STORED_AT)).isEqualTo(MUST_REVALIDATE);
    }

    @Test
    void revalidationMakesAStaleEntryFreshAgain() {
        CachedResponse entry = entry(200, "plain");
        long later = STORED_AT + 10_000;
        ResponseHeaders notModified = ResponseHeaders.builder().add("ETag", "\"v1\"").build();

        assertThat(FRESHNESS.state(entry, later)).isEqualTo(MUST_REVALIDATE);
        CachedResponse validated = entry.revalidated(later, notModified).orElseThrow();

        assertThat(FRESHNESS.state(validated, later)).isEqualTo(FRESH);
        assertThat(Freshness.ageSeconds(validated, later + 1_999)).as("age counts from the validation").isEqualTo(1);
        assertThat(FRESHNESS.ttlSeconds(validated, later)).isEqualTo(FRESHNESS.lifetimeSeconds(validated));
    }

    @Test
    void refusesANegativeInterval() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Freshness(-1));
    }

    private static CachedResponse entry(int status, String cacheControl) {
        ResponseHeaders headers = ResponseHeaders.builder()
                .add("Cache-Control", CACHE_CONTROL.get(cacheControl))
                .add("ETag", "\"v1\"")
                .build();
        return CachedResponse.of(status, headers, new byte[0], STORED_AT);
    }
}
