package io.pixmesh.logging;

/**
 * How many body bytes a response sent: what passed through its output stream, plus the range
 * handed to the connector's sendfile. Tomcat's own count is not reachable from a web
 * application, and a sendfile body never passes the output stream (the servlet only names the
 * file and range in request attributes, and the connector sends it after the application
 * returns), so the range is counted as sent. A {@code HEAD} answer and statuses that have no body
 * send none, whatever was written.
 */
final class SentBytes {

    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private SentBytes() {
    }

    /**
     * @param streamed       bytes written to the output stream since the last reset
     * @param sendfileStart  the {@code org.apache.tomcat.sendfile.start} attribute, or null
     * @param sendfileEnd    the {@code org.apache.tomcat.sendfile.end} attribute (exclusive), or null
     */
    static long of(String method, int status, long streamed, Object sendfileStart, Object sendfileEnd) {
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return 0;
        }
        if (sendfileStart instanceof Long start && sendfileEnd instanceof Long end) {
            return streamed + end - start;
        }
        return streamed;
    }
}
