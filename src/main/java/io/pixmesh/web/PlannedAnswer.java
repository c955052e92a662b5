package io.pixmesh.web;

import io.pixmesh.http.ByteRange;
import io.pixmesh.http.MultipartByteranges;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.ResponsePlan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Carries out a {@link ResponsePlan} for one representation: the same status, fields and body
 * rules whether the bytes come from a file (the image servlet) or from memory (the cache), so
 * that the two can never answer a request differently.
 *
 * @param headers   the fields of a {@code 200} for the representation
 * @param length    its length in bytes
 * @param mediaType its type, for the parts of a multipart answer
 * @param body      its bytes
 */
public record PlannedAnswer(ResponseHeaders headers, long length, String mediaType, EntityBody body) {

    /**
     * Sends what {@code plan} calls for, adding {@code extra} (such as {@code Age}) to every
     * answer, whatever its status. {@code HEAD} gets the fields without the body.
     */
    public void send(HttpServletRequest request, HttpServletResponse response, ResponsePlan plan,
            ResponseHeaders extra) throws IOException {
        boolean head = request.getMethod().equals("HEAD");
        if (plan instanceof ResponsePlan.Full) {
            set(response, extra);
            sendSlice(request, response, HttpServletResponse.SC_OK, headers, 0, length, head);
        } else if (plan instanceof ResponsePlan.Partial partial) {
            ByteRange range = partial.range();
            set(response, extra);
            response.setHeader("Content-Range", range.contentRange(length));
            sendSlice(request, response, HttpServletResponse.SC_PARTIAL_CONTENT, headers, range.first(), range.length(), head);
        } else if (plan instanceof ResponsePlan.Multipart multipart) {
            sendMultipart(response, multipart, extra);
        } else if (plan instanceof ResponsePlan.NotModified) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            set(response, headers.forNotModified());
            set(response, extra);
        } else if (plan instanceof ResponsePlan.PreconditionFailed) {
            PlainText.send(response, HttpServletResponse.SC_PRECONDITION_FAILED, "precondition failed",
                    PlainText.NO_STORE.plus(extra));
        } else {
            PlainText.send(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable",
                    PlainText.NO_STORE.plus("Content-Range", "bytes */" + length).plus(extra));
        }
    }

    private void sendSlice(HttpServletRequest request, HttpServletResponse response, int status,
            ResponseHeaders fields, long first, long sliceLength, boolean head) throws IOException {
        response.setStatus(status);
        set(response, fields);
        response.setContentLengthLong(sliceLength);
        if (!head && sliceLength > 0) {
            body.send(request, response, first, sliceLength);
        }
    }

    /** Sets every field; a plain loop, as this runs several times for every answer. */
    private static void set(HttpServletResponse response, ResponseHeaders fields) {
        for (ResponseHeaders.Header field : fields.all()) {
            response.setHeader(field.name(), field.value());
        }
    }

    private void sendMultipart(HttpServletResponse response, ResponsePlan.Multipart plan, ResponseHeaders extra)
            throws IOException {
        MultipartByteranges multipart = new MultipartByteranges(mediaType, plan.ranges(), length,
                MultipartByteranges.newBoundary());
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        set(response, headers.withoutContentType());
        set(response, extra);
        response.setContentType(multipart.contentType());
        response.setContentLengthLong(multipart.contentLength());
        body.sendMultipart(response, multipart);
    }
}
