package io.pixmesh.http;

import java.util.List;

/**
 * What to answer to a GET or HEAD of one representation, decided from the request headers and
 * the representation's validators alone: preconditions in RFC 9110 §13.2.2 order, then ranges.
 * A pure function, shared by the image servlet (which answers from a file) and the caching
 * filter (which answers from a stored entity), so both answer every request alike.
 */
public sealed interface ResponsePlan {

    /** {@code 200} with the whole representation. */
    record Full() implements ResponsePlan {
    }

    /** {@code 304}. */
    record NotModified() implements ResponsePlan {
    }

    /** {@code 412}. */
    record PreconditionFailed() implements ResponsePlan {
    }

    /** {@code 416}: no requested range overlaps the representation. */
    record RangeNotSatisfiable() implements ResponsePlan {
    }

    /** {@code 206} with one range. */
    record Partial(ByteRange range) implements ResponsePlan {
    }

    /** {@code 206} with a {@code multipart/byteranges} body of several sorted, disjoint ranges. */
    record Multipart(List<ByteRange> ranges) implements ResponsePlan {
        public Multipart {
            ranges = List.copyOf(ranges);
        }
    }

    /**
     * @param request    the request's method and conditional and range headers
     * @param validators the representation's entity tag and last modification
     * @param length     the representation's length in bytes
     */
    static ResponsePlan decide(ConditionalHeaders request, Validators validators, long length) {
        return switch (Preconditions.evaluate(request, validators)) {
            case PRECONDITION_FAILED -> new PreconditionFailed();
            case NOT_MODIFIED -> new NotModified();
            case SEND_FULL -> new Full();
            case SEND_RANGES -> ranges(request.range(), length);
        };
    }

    private static ResponsePlan ranges(String rangeHeader, long length) {
        RangeRequest parsed = ByteRanges.parse(rangeHeader, length);
        if (parsed instanceof RangeRequest.Satisfiable satisfiable) {
            List<ByteRange> ranges = satisfiable.ranges();
            return ranges.size() == 1 ? new Partial(ranges.get(0)) : new Multipart(ranges);
        }
        return parsed instanceof RangeRequest.Unsatisfiable ? new RangeNotSatisfiable() : new Full();
    }
}
