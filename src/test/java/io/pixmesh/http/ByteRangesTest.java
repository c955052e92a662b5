package io.pixmesh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class ByteRangesTest {

    @ParameterizedTest(name = "[{index}] <{0}> of {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // field                               | length | expected: ranges, 416 or ignore
        "bytes=0-99                            | 1000   | 0-99",
        "bytes=0-0                             | 1000   | 0-0",
        "bytes=999-999                         | 1000   | 999-999",
        "bytes=500-                            | 1000   | 500-999",
        "bytes=0-                              | 1000   | 0-999",
        "bytes=-100                            | 1000   | 900-999",
        "bytes=-1000                           | 1000   | 0-999",
        "bytes=-5000                           | 1000   | 0-999",
        "bytes=0-1999                          | 1000   | 0-999",
        "BYTES=0-9                             | 1000   | 0-9",
        "Bytes=0-9                             | 1000   | 0-9",
        "' bytes=0-9\t'                        | 1000   | 0-9",
        // unsatisfiable range-specs are dropped; none left gives 416
        "bytes=-0                              | 1000   | 416",
        "bytes=1000-                           | 1000   | 416",
        "bytes=1000-2000                       | 1000   | 416",
        "bytes=1000-2000, -0                   | 1000   | 416",
        "bytes=1000-2000, 0-9                  | 1000   | 0-9",
        "bytes=-0, 5-9                         | 1000   | 5-9",
        // several ranges: sorted, and merged when overlapping, touching or close
        "bytes=0-9, 90-99                      | 1000   | 0-9,90-99",
        "bytes=0-9, 89-99                      | 1000   | 0-99",
        "bytes=0-9,20-29                       | 1000   | 0-29",
        "bytes=500-599, 0-99                   | 1000   | 0-99,500-599",
        "bytes=0-99, 100-199                   | 1000   | 0-199",
        "bytes=0-99, 50-149                    | 1000   | 0-149",
        "bytes=0-499, 100-199                  | 1000   | 0-499",
        "bytes=0-9, 0-9                        | 1000   | 0-9",
        "bytes=-100, 0-99                      | 1000   | 0-99,900-999",
        "bytes=0-, -100                        | 1000   | 0-999",
        "bytes=900-, 0-9, 400-409, 450-459     | 1000   | 0-9,400-459,900-999",
        "'bytes=0-9 , \t500-509'               | 1000   | 0-9,500-509",
        "bytes=,0-9,, 500-509,                 | 1000   | 0-9,500-509",
        // numbers too large for a long
        "bytes=0-99999999999999999999          | 1000   | 0-999",
        "bytes=-99999999999999999999           | 1000   | 0-999",
        "bytes=99999999999999999999-           | 1000   | 416",
        "bytes=0-18446744073709551615          | 1000   | 0-999",
        "bytes=18446744073709551616-           | 1000   | 416",
        "bytes=-18446744073709551617           | 1000   | 0-999",
        "bytes=9223372036854775807-            | 1000   | 416",
        "bytes=9223372036854775806-9223372036854775807 | 9223372036854775807 "
                + "| 9223372036854775806-9223372036854775806",
        "bytes=-9223372036854775807            | 9223372036854775807 | 0-9223372036854775806",
        // tiny and empty representations
        "bytes=0-0                             | 1      | 0-0",
        "bytes=-1                              | 1      | 0-0",
        "bytes=0-                              | 1      | 0-0",
        "bytes=1-                              | 1      | 416",
        "bytes=0-0                             | 0      | 416",
        "bytes=0-                              | 0      | 416",
        "bytes=-0                              | 0      | 416",
        "bytes=-1                              | 0      | ignore",
        "bytes=0-5, -1                         | 0      | ignore",
        // invalid, or not bytes: ignored, even beside valid range-specs
        "bytes=9-5                             | 1000   | ignore",
        "bytes=0-9, 5-1                        | 1000   | ignore",
        "bytes=0-9, x                          | 1000   | ignore",
        "bytes=                                | 1000   | ignore",
        "bytes                                 | 1000   | ignore",
        "'bytes=, ,'                           | 1000   | ignore",
        "bytes=-                               | 1000   | ignore",
        "bytes=5                               | 1000   | ignore",
        "bytes=--5                             | 1000   | ignore",
        "bytes=5--                             | 1000   | ignore",
        "bytes=1-2-3                           | 1000   | ignore",
        "bytes=0 -9                            | 1000   | ignore",
        "bytes=+0-9                            | 1000   | ignore",
        "bytes=0x10-20                         | 1000   | ignore",
        "bytes=\u0660-\u0669                   | 1000   | ignore",
        "bytes=0-9;q=1                         | 1000   | ignore",
        "bytes =0-9                            | 1000   | ignore",
        "byte=0-9                              | 1000   | ignore",
        "bytesx=0-9                            | 1000   | ignore",
        "items=0-9                             | 1000   | ignore",
        "=0-9                                  | 1000   | ignore",
        "''                                    | 1000   | ignore",
        "bytes=0-1, bytes=5-6                  | 1000   | ignore",
    })
    void decidesLikeRfc9110(String field, long length, String expected) {
        assertThat(describe(ByteRanges.parse(field, length))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    void absentFieldIsIgnored(String field) {
        assertThat(ByteRanges.parse(field, 1000)).isInstanceOf(RangeRequest.Ignore.class);
    }

    @Test
    void refusesANegativeLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteRanges.parse("bytes=0-1", -1));
    }

    @Test
    void acceptsAsManyRangeSpecsAsTheLimit() {
        assertThat(describe(ByteRanges.parse(spread(ByteRanges.MAX_RANGES), 1_000_000)))
                .isEqualTo(spreadRanges(ByteRanges.MAX_RANGES));
    }

    @Test
    void ignoresOneRangeSpecMoreThanTheLimit() {
        assertThat(ByteRanges.parse(spread(ByteRanges.MAX_RANGES + 1), 1_000_000))
                .isInstanceOf(RangeRequest.Ignore.class);
    }

    @Test
    void ignoresTooManyRangeSpecsEvenWhenNoneIsSatisfiable() {
        assertThat(ByteRanges.parse(spread(ByteRanges.MAX_RANGES + 1), 0))
                .isInstanceOf(RangeRequest.Ignore.class);
    }

    @Test
    void doesNotCountEmptyListElementsAsRangeSpecs() {
        String field = spread(ByteRanges.MAX_RANGES) + ",,,, ,";

        assertThat(describe(ByteRanges.parse(field, 1_000_000)))
                .isEqualTo(spreadRanges(ByteRanges.MAX_RANGES));
    }

    @Test
    void readsAFieldAsLongAsTheLimitAndIgnoresALongerOne() {
        String shortest = "bytes=0-9";
        String longest = shortest + ",".repeat(ByteRanges.MAX_FIELD_LENGTH - shortest.length());

        assertThat(longest).hasSize(ByteRanges.MAX_FIELD_LENGTH);
        assertThat(describe(ByteRanges.parse(longest, 1000))).isEqualTo("0-9");
        assertThat(ByteRanges.parse(longest + ",", 1000)).isInstanceOf(RangeRequest.Ignore.class);
    }

    @Test
    void answersEveryValidFieldWithExactlyTheRequestedBytesPlusSmallGaps() {
        Random random = new Random(14_1_2);
        for (int i = 0; i < 50_000; i++) {
            long length = randomLength(random);
            List<long[]> specs = new ArrayList<>();
            int count = 1 + random.nextInt(random.nextBoolean() ? 4 : ByteRanges.MAX_RANGES);
            for (int s = 0; s < count; s++) {
                specs.add(randomSpec(random, length));
            }
            String field = field(random, specs);
            RangeRequest result = ByteRanges.parse(field, length);

            List<long[]> wanted = clipped(specs, length);
            if (field.length() > ByteRanges.MAX_FIELD_LENGTH) {
                assertThat(result).as(field).isInstanceOf(RangeRequest.Ignore.class);
            } else if (length == 0) {
                assertThat(result).as(field).isNotInstanceOf(RangeRequest.Satisfiable.class);
            } else if (wanted.isEmpty()) {
                assertThat(result).as(field).isInstanceOf(RangeRequest.Unsatisfiable.class);
            } else {
                assertThat(result).as(field).isInstanceOf(RangeRequest.Satisfiable.class);
                List<ByteRange> ranges = ((RangeRequest.Satisfiable) result).ranges();
                assertBounded(ranges, length, field);
                assertCovers(ranges, wanted, field);
            }
        }
    }

    @Test
    void anyFieldValueGivesAnAnswerBoundedByTheRepresentation() {
        Random random = new Random(9110);
        String alphabet = "bytes=BYTES0123456789-,, \t\u00e9";
        for (int i = 0; i < 100_000; i++) {
            long length = randomLength(random);
            String field =
                    (random.nextBoolean() ? "bytes=" : "") + Fuzz.string(random, alphabet, 60);

            RangeRequest result = ByteRanges.parse(field, length);

            if (result instanceof RangeRequest.Satisfiable) {
                assertBounded(((RangeRequest.Satisfiable) result).ranges(), length, field);
            }
        }
    }

    /**
     * Sorted, separated by at least the coalescing gap, inside the representation, at most the
     * limit in number: so never more bytes than the representation, nor more parts than the limit.
     */
    static void assertBounded(List<ByteRange> ranges, long length, String field) {
        assertThat(ranges).as(field).isNotEmpty().hasSizeLessThanOrEqualTo(ByteRanges.MAX_RANGES);
        for (int i = 0; i < ranges.size(); i++) {
            assertThat(ranges.get(i).last()).as(field).isLessThan(length);
            if (i > 0) {
                long gap = ranges.get(i).first() - ranges.get(i - 1).last() - 1;
                assertThat(gap).as(field).isGreaterThanOrEqualTo(ByteRanges.COALESCE_GAP);
            }
        }
        assertThat(ranges.stream().mapToLong(ByteRange::length).sum()).as(field)
                .isLessThanOrEqualTo(length);
    }

    /** Every wanted byte is sent, and every range sent starts and ends on a wanted byte. */
    private static void assertCovers(List<ByteRange> ranges, List<long[]> wanted, String field) {
        for (long[] w : wanted) {
            assertThat(ranges).as(field + " covers " + Arrays.toString(w))
                    .anyMatch(r -> r.first() <= w[0] && w[1] <= r.last());
        }
        for (ByteRange r : ranges) {
            assertThat(wanted).as(field + " asked for the start of " + r)
                    .anyMatch(w -> w[0] == r.first());
            assertThat(wanted).as(field + " asked for the end of " + r)
                    .anyMatch(w -> w[1] == r.last());
        }
    }

    /** RFC 9110 §14.1.2 as a model: each {first, last} or {-1, suffix} clipped to the length. */
    private static List<long[]> clipped(List<long[]> specs, long length) {
        List<long[]> wanted = new ArrayList<>();
        for (long[] spec : specs) {
            if (spec[0] < 0 && spec[1] > 0 && length > 0) {
                wanted.add(new long[] {Math.max(0, length - spec[1]), length - 1});
            } else if (spec[0] >= 0 && spec[0] < length) {
                wanted.add(new long[] {spec[0], Math.min(spec[1], length - 1)});
            }
        }
        return wanted;
    }

    private static long randomLength(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3);
            case 1 -> random.nextInt(5000);
            case 2 -> random.nextInt(Integer.MAX_VALUE);
            default -> Long.MAX_VALUE - random.nextInt(3);
        };
    }

    /** {first, last} with last Long.MAX_VALUE for open-ended, or {-1, suffix length}. */
    private static long[] randomSpec(Random random, long length) {
        long bound = Math.max(1, Math.min(length, Long.MAX_VALUE / 2) * 5 / 4 + 2);
        long first = Math.floorMod(random.nextLong(), bound);
        long span = Math.floorMod(random.nextLong(), Math.max(1, bound / 8));
        return switch (random.nextInt(4)) {
            case 0 -> new long[] {-1, Math.floorMod(random.nextLong(), bound)};
            case 1 -> new long[] {first, Long.MAX_VALUE};
            default -> new long[] {first, first + span};
        };
    }

    private static String field(Random random, List<long[]> specs) {
        return (random.nextBoolean() ? "bytes=" : "Bytes=") + specs.stream()
                .map(s -> s[0] < 0 ? "-" + s[1] : s[0] + "-" + (s[1] == Long.MAX_VALUE ? "" : s[1]))
                .collect(Collectors.joining(random.nextBoolean() ? "," : ", "));
    }

    /** Range-specs of 10 bytes every 1000 bytes, from the end backwards. */
    private static String spread(int count) {
        return "bytes=" + IntStream.range(0, count).map(i -> count - 1 - i)
                .mapToObj(i -> (i * 1000) + "-" + (i * 1000 + 9)).collect(Collectors.joining(","));
    }

    private static String spreadRanges(int count) {
        return IntStream.range(0, count).mapToObj(i -> (i * 1000) + "-" + (i * 1000 + 9))
                .collect(Collectors.joining(","));
    }

    static String describe(RangeRequest result) {
        if (result instanceof RangeRequest.Ignore) {
            return "ignore";
        }
        if (result instanceof RangeRequest.Unsatisfiable) {
            return "416";
        }
        return ((RangeRequest.Satisfiable) result).ranges().stream()
                .map(r -> r.first() + "-" + r.last()).collect(Collectors.joining(","));
    }
}
