package io.pixmesh.http;

/** Optional whitespace (RFC 9110 §5.6.3: spaces and horizontal tabs) around header elements. */
final class Ows {

    private Ows() {
    }

    static boolean is(char c) {
        return c == ' ' || c == '\t';
    }

    /** The first index in {@code [from, to)} that is not OWS, or {@code to}. */
    static int skip(String s, int from, int to) {
        int i = from;
        while (i < to && is(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index just past the last non-OWS character in {@code [from, to)}, or {@code from}. */
    static int skipBack(String s, int from, int to) {
        int i = to;
        while (i > from && is(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
