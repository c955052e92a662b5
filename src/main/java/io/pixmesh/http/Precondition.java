package io.pixmesh.http;

/** What the preconditions of a request tell the server to do (see {@link Preconditions}). */
public enum Precondition {

    /** A precondition is false: answer 412 Precondition Failed. */
    PRECONDITION_FAILED,

    /** The client's copy is current: answer 304 Not Modified (GET and HEAD only). */
    NOT_MODIFIED,

    /** Answer 200 with the whole representation, ignoring any {@code Range}. */
    SEND_FULL,

    /**
     * A GET whose {@code Range} is to be honoured: {@link ByteRanges#parse} decides between 206,
     * 416 and, for a Range it ignores, 200.
     */
    SEND_RANGES
}
