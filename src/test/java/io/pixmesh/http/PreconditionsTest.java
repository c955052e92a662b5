package io.pixmesh.http;

import static io.pixmesh.http.Precondition.NOT_MODIFIED;
import static io.pixmesh.http.Precondition.PRECONDITION_FAILED;
import static io.pixmesh.http.Precondition.SEND_FULL;
import static io.pixmesh.http.Precondition.SEND_RANGES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreconditionsTest {

    /** Last-Modified has a fraction of a second, which Validators must drop. */
    private static final Validators CURRENT =
            new Validators(EntityTag.strong("v1"), Instant.parse("2024-03-01T10:00:00.750Z"));

    /** Date tokens used in the tables, relative to Last-Modified (T). */
    private static final Map<String, String> DATES = Map.of(
            "T-1s", "Fri, 01 Mar 2024 09:59:59 GMT",
            "T", "Fri, 01 Mar 2024 10:00:00 GMT",
            "T+1s", "Fri, 01 Mar 2024 10:00:01 GMT",
            "T850", "Friday, 01-Mar-24 10:00:00 GMT",
            "Tasc", "Fri Mar  1 10:00:00 2024",
            "T,T", "Fri, 01 Mar 2024 10:00:00 GMT, Fri, 01 Mar 2024 10:00:00 GMT",
            "junk", "yesterday");

    /** Result tokens used in the table. */
    private static final Map<String, Precondition> RESULTS = Map.of("412", PRECONDITION_FAILED,
            "304", NOT_MODIFIED, "full", SEND_FULL, "ranges", SEND_RANGES);

    @ParameterizedTest(name = "[{index}] {0} IM={1} IUS={2} INM={3} IMS={4} IR={5} R={6} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // method | If-Match       | IUS  | If-None-Match   | IMS  | If-Range | Range     | result
        "GET  | -              | -    | -               | -    | -        | -         | full",
        // step 1: If-Match, strong comparison
        "GET  | \"v1\"         | -    | -               | -    | -        | -         | full",
        "GET  | *              | -    | -               | -    | -        | -         | full",
        "GET  | \"v2\", \"v1\" | -    | -               | -    | -        | -         | full",
        "GET  | \"v2\"         | -    | -               | -    | -        | -         | 412",
        "GET  | W/\"v1\"       | -    | -               | -    | -        | -         | 412",
        "GET  | v1             | -    | -               | -    | -        | -         | 412",
        "HEAD | \"v2\"         | -    | -               | -    | -        | -         | 412",
        "POST | \"v1\"         | -    | -               | -    | -        | -         | full",
        // step 2: If-Unmodified-Since, only without If-Match
        "GET  | -              | T-1s | -               | -    | -        | -         | 412",
        "GET  | -              | T    | -               | -    | -        | -         | full",
        "GET  | -              | T+1s | -               | -    | -        | -         | full",
        "GET  | -              | junk | -               | -    | -        | -         | full",
        "GET  | -              | T,T  | -               | -    | -        | -         | full",
        "POST | -              | T-1s | -               | -    | -        | -         | 412",
        "GET  | \"v1\"         | T-1s | -               | -    | -        | -         | full",
        "GET  | \"v2\"         | T+1s | -               | -    | -        | -         | 412",
        "GET  | v1             | T+1s | -               | -    | -        | -         | 412",
        // step 3: If-None-Match, weak comparison
        "GET  | -              | -    | \"v1\"          | -    | -        | -         | 304",
        "HEAD | -              | -    | \"v1\"          | -    | -        | -         | 304",
        "GET  | -              | -    | W/\"v1\"        | -    | -        | -         | 304",
        "GET  | -              | -    | *               | -    | -        | -         | 304",
        "GET  | -              | -    | \"x\", W/\"v1\" | -    | -        | -         | 304",
        "GET  | -              | -    | \"v2\"          | -    | -        | -         | full",
        "GET  | -              | -    | v1              | -    | -        | -         | full",
        "POST | -              | -    | \"v1\"          | -    | -        | -         | 412",
        "PUT  | -              | -    | *               | -    | -        | -         | 412",
        "POST | -              | -    | \"v2\"          | -    | -        | -         | full",
        // steps 1 and 2 come before step 3
        "GET  | \"v1\"         | -    | \"v1\"          | -    | -        | -         | 304",
        "GET  | \"v2\"         | -    | \"v1\"          | -    | -        | -         | 412",
        "GET  | -              | T-1s | \"v1\"          | -    | -        | -         | 412",
        "GET  | -              | T    | \"v1\"          | -    | -        | -         | 304",
        // step 4: If-Modified-Since, GET and HEAD only, without If-None-Match
        "GET  | -              | -    | -               | T    | -        | -         | 304",
        "GET  | -              | -    | -               | T+1s | -        | -         | 304",
        "GET  | -              | -    | -               | T-1s | -        | -         | full",
        "HEAD | -              | -    | -               | T    | -        | -         | 304",
        "HEAD | -              | -    | -               | T-1s | -        | -         | full",
        "GET  | -              | -    | -               | T850 | -        | -         | 304",
        "GET  | -              | -    | -               | Tasc | -        | -         | 304",
        "GET  | -              | -    | -               | junk | -        | -         | full",
        "GET  | -              | -    | -               | T,T  | -        | -         | full",
        "POST | -              | -    | -               | T    | -        | -         | full",
        "GET  | -              | -    | \"v2\"          | T    | -        | -         | full",
        "GET  | -              | -    | v1              | T    | -        | -         | full",
        "GET  | -              | -    | \"v1\"          | T-1s | -        | -         | 304",
        "GET  | \"v2\"         | -    | -               | T    | -        | -         | 412",
        "GET  | -              | T-1s | -               | T    | -        | -         | 412",
        // step 5: Range, GET only, subject to If-Range
        "GET  | -              | -    | -               | -    | -        | bytes=0-1 | ranges",
        "HEAD | -              | -    | -               | -    | -        | bytes=0-1 | full",
        "POST | -              | -    | -               | -    | -        | bytes=0-1 | full",
        "get  | -              | -    | -               | -    | -        | bytes=0-1 | full",
        "GET  | -              | -    | -               | -    | -        | pages=1-2 | ranges",
        "GET  | -              | -    | -               | -    | \"v1\"   | bytes=0-1 | ranges",
        "GET  | -              | -    | -               | -    | W/\"v1\" | bytes=0-1 | full",
        "GET  | -              | -    | -               | -    | \"v2\"   | bytes=0-1 | full",
        "GET  | -              | -    | -               | -    | T        | bytes=0-1 | ranges",
        "GET  | -              | -    | -               | -    | T850     | bytes=0-1 | ranges",
        "GET  | -              | -    | -               | -    | T-1s     | bytes=0-1 | full",
        "GET  | -              | -    | -               | -    | T+1s     | bytes=0-1 | full",
        "GET  | -              | -    | -               | -    | junk     | bytes=0-1 | full",
        "GET  | -              | -    | -               | -    | \"v1\"   | -         | full",
        // steps 1 to 4 come before step 5
        "GET  | -              | -    | \"v1\"          | -    | -        | bytes=0-1 | 304",
        "GET  | -              | -    | -               | T    | \"v1\"   | bytes=0-1 | 304",
        "GET  | \"v2\"         | -    | -               | -    | \"v1\"   | bytes=0-1 | 412",
        "GET  | -              | T-1s | -               | -    | -        | bytes=0-1 | 412",
        "GET  | -              | -    | -               | T-1s | -        | bytes=0-1 | ranges",
        "GET  | \"v1\"         | T-1s | \"v2\"          | T    | \"v1\"   | bytes=0-1 | ranges",
    })
    void evaluatesInTheOrderOfRfc9110(String method, String ifMatch, String ifUnmodifiedSince,
            String ifNoneMatch, String ifModifiedSince, String ifRange, String range,
            String expected) {
        ConditionalHeaders request = request(method, ifMatch, date(ifUnmodifiedSince),
                ifNoneMatch, date(ifModifiedSince), ifRangeValue(ifRange), range);

        assertThat(evaluate(request)).isEqualTo(RESULTS.get(expected));
    }

    @Test
    void failedIfMatchAlwaysGives412() {
        for (ConditionalHeaders request : everyCombination()) {
            if (!request.ifMatch().isEmpty()
                    && !EntityTagList.parse(request.ifMatch()).anyStrongMatch(CURRENT.etag())) {
                assertThat(evaluate(request)).as("%s", request)
                        .isEqualTo(PRECONDITION_FAILED);
            }
        }
    }

    @Test
    void ifMatchMakesIfUnmodifiedSinceIrrelevant() {
        for (ConditionalHeaders request : everyCombination()) {
            if (!request.ifMatch().isEmpty()) {
                assertThat(evaluate(request)).as("%s", request)
                        .isEqualTo(evaluate(withoutIfUnmodifiedSince(request)));
            }
        }
    }

    @Test
    void ifNoneMatchMakesIfModifiedSinceIrrelevant() {
        for (ConditionalHeaders request : everyCombination()) {
            if (!request.ifNoneMatch().isEmpty()) {
                assertThat(evaluate(request)).as("%s", request)
                        .isEqualTo(evaluate(withoutIfModifiedSince(request)));
            }
        }
    }

    @Test
    void onlyGetWithRangeCanGetRangesAndOnlyGetOrHeadCanGet304() {
        for (ConditionalHeaders request : everyCombination()) {
            Precondition result = evaluate(request);
            if (!request.method().equals("GET") || request.range() == null) {
                assertThat(result).as("%s", request).isNotEqualTo(SEND_RANGES);
            }
            if (request.method().equals("POST")) {
                assertThat(result).as("%s", request).isNotEqualTo(NOT_MODIFIED);
            }
        }
    }

    @Test
    void ifRangeNeverTurnsA304Or412IntoSomethingElse() {
        for (ConditionalHeaders request : everyCombination()) {
            Precondition withIfRange = evaluate(request);
            Precondition without = evaluate(withoutIfRange(request));
            if (without != SEND_RANGES) {
                assertThat(withIfRange).as("%s", request).isEqualTo(without);
            }
        }
    }

    private static Precondition evaluate(ConditionalHeaders request) {
        return Preconditions.evaluate(request, CURRENT);
    }

    /** Every request built from a handful of values per field: 32,400 of them. */
    private static List<ConditionalHeaders> everyCombination() {
        List<String> tags = Arrays.asList(null, "\"v1\"", "W/\"v1\"", "\"v2\"", "*", "v1");
        List<String> dates = Arrays.asList(null, "T-1s", "T", "T+1s", "junk");
        List<String> ifRanges = Arrays.asList(null, "\"v1\"", "W/\"v1\"", "T", "T-1s", "junk");
        List<ConditionalHeaders> all = new ArrayList<>();
        for (String method : List.of("GET", "HEAD", "POST")) {
            for (String ifMatch : tags) {
                for (String ius : dates) {
                    for (String inm : tags) {
                        for (String ims : dates) {
                            for (String ifRange : ifRanges) {
                                for (String range : Arrays.asList(null, "bytes=0-1")) {
                                    all.add(request(method, ifMatch, date(ius), inm, date(ims),
                                            ifRangeValue(ifRange), range));
                                }
                            }
                        }
                    }
                }
            }
        }
        return all;
    }

    private static ConditionalHeaders request(String method, String ifMatch, String ius,
            String inm, String ims, String ifRange, String range) {
        return new ConditionalHeaders(method, ifMatch == null ? null : List.of(ifMatch), ius,
                inm == null ? null : List.of(inm), ims, ifRange, range);
    }

    private static String date(String token) {
        if (token != null && !DATES.containsKey(token)) {
            throw new IllegalArgumentException("no such date token: " + token);
        }
        return token == null ? null : DATES.get(token);
    }

    /** An If-Range value: a date token, or an entity tag as given. */
    private static String ifRangeValue(String token) {
        return token == null ? null : DATES.getOrDefault(token, token);
    }

    private static ConditionalHeaders withoutIfUnmodifiedSince(ConditionalHeaders r) {
        return new ConditionalHeaders(r.method(), r.ifMatch(), null, r.ifNoneMatch(),
                r.ifModifiedSince(), r.ifRange(), r.range());
    }

    private static ConditionalHeaders withoutIfModifiedSince(ConditionalHeaders r) {
        return new ConditionalHeaders(r.method(), r.ifMatch(), r.ifUnmodifiedSince(),
                r.ifNoneMatch(), null, r.ifRange(), r.range());
    }

    private static ConditionalHeaders withoutIfRange(ConditionalHeaders r) {
        return new ConditionalHeaders(r.method(), r.ifMatch(), r.ifUnmodifiedSince(),
                r.ifNoneMatch(), r.ifModifiedSince(), null, r.range());
    }
}
