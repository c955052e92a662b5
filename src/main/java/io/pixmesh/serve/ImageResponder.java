package io.pixmesh.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pixmesh.http.ByteRange;
import io.pixmesh.http.ConditionalHeaders;
import io.pixmesh.http.MultipartByteranges;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.ResponsePlan;
import io.pixmesh.store.StoredImage;
import io.pixmesh.web.PlainText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Carries out the {@link ResponsePlan} for one stored image: status, headers, and a body that
 * goes out through sendfile when the file is large enough and the connector supports it.
 */
final class ImageResponder {

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final ImageHeaders imageHeaders;
    private final long sendfileMinBytes;
    private final Counter sendfileResponses;

    ImageResponder(ImageHeaders imageHeaders, long sendfileMinBytes, MeterRegistry metrics) {
        this.imageHeaders = imageHeaders;
        this.sendfileMinBytes = sendfileMinBytes;
        this.sendfileResponses = Counter.builder("pixmesh.sendfile.responses")
                .description("Bodies handed to the connector's sendfile instead of being copied")
                .register(metrics);
    }

    void respond(HttpServletRequest request, HttpServletResponse response, StoredImage image, String mediaType)
            throws IOException {
        ConditionalHeaders conditions = ConditionalHeaders.of(request.getMethod(),
                name -> Collections.list(request.getHeaders(name)));
        ResponsePlan plan = ResponsePlan.decide(conditions, ImageHeaders.validatorsOf(image), image.size());
        ResponseHeaders headers = imageHeaders.of(image, mediaType);
        boolean head = request.getMethod().equals("HEAD");
        if (plan instanceof ResponsePlan.Full) {
            headers.forEach(response::setHeader);
            sendBody(request, response, image, 0, image.size(), head);
        } else if (plan instanceof ResponsePlan.Partial partial) {
            ByteRange range = partial.range();
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            headers.forEach(response::setHeader);
            response.setHeader("Content-Range", range.contentRange(image.size()));
            sendBody(request, response, image, range.first(), range.length(), head);
        } else if (plan instanceof ResponsePlan.Multipart multipart) {
            sendMultipart(response, image, headers, multipart, mediaType);
        } else if (plan instanceof ResponsePlan.NotModified) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            headers.forNotModified().forEach(response::setHeader);
        } else if (plan instanceof ResponsePlan.PreconditionFailed) {
            PlainText.send(response, HttpServletResponse.SC_PRECONDITION_FAILED, "no-store", "precondition failed");
        } else {
            PlainText.rangeNotSatisfiable(response, image.size());
        }
    }

    /** {@code length} bytes from {@code first} (possibly none) as the body. */
    private void sendBody(HttpServletRequest request, HttpServletResponse response, StoredImage image,
            long first, long length, boolean head) throws IOException {
        response.setContentLengthLong(length);
        if (head || length == 0) {
            return;
        }
        if (length >= sendfileMinBytes && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            request.setAttribute(SENDFILE_FILENAME, image.path().toString());
            request.setAttribute(SENDFILE_START, first);
            request.setAttribute(SENDFILE_END, first + length);
            sendfileResponses.increment();
            return;
        }
        try (FileBody body = FileBody.open(image.path())) {
            body.write(response.getOutputStream(), first, length);
        }
    }

    private static void sendMultipart(HttpServletResponse response, StoredImage image, ResponseHeaders headers,
            ResponsePlan.Multipart plan, String mediaType) throws IOException {
        MultipartByteranges multipart = new MultipartByteranges(mediaType, plan.ranges(), image.size(),
                MultipartByteranges.newBoundary());
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        headers.withoutContentType().forEach(response::setHeader);
        response.setContentType(multipart.contentType());
        response.setContentLengthLong(multipart.contentLength());
        try (FileBody body = FileBody.open(image.path())) {
            multipart.writeTo(response.getOutputStream(), body);
        }
    }
}
