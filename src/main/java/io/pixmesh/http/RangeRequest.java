package io.pixmesh.http;

import java.util.List;

/** How to answer the {@code Range} of a request, as decided by {@link ByteRanges#parse}. */
public sealed interface RangeRequest {

    /** Ignore the Range field and answer 200 with the whole representation. */
    record Ignore() implements RangeRequest {
    }

    /**
     * Answer 416 Range Not Satisfiable, with the {@code Content-Range} of
     * {@link #contentRange(long)}.
     */
    record Unsatisfiable() implements RangeRequest {

        /** The {@code Content-Range} field value for a 416: {@code bytes *}{@code /length}. */
        public static String contentRange(long completeLength) {
            return "bytes */" + completeLength;
        }
    }

    /**
     * Answer 206 Partial Content with these ranges: one range as a single part, several as
     * {@link MultipartByteranges}.
     *
     * @param ranges at least one range, as {@link ByteRanges#parse} guarantees them
     */
    record Satisfiable(List<ByteRange> ranges) implements RangeRequest {

        /** @throws IllegalArgumentException if there are no ranges */
        public Satisfiable {
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("no ranges");
            }
        }
    }
}
