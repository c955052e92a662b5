package io.pixmesh.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pixmesh.http.ConditionalHeaders;
import io.pixmesh.http.MultipartByteranges;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.ResponsePlan;
import io.pixmesh.store.StoredImage;
import io.pixmesh.web.Conditions;
import io.pixmesh.web.EntityBody;
import io.pixmesh.web.PlannedAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a request for one stored image: decides the {@link ResponsePlan} and sends it, with a
 * body that goes out through the connector's sendfile when it is large enough and the connector
 * supports it.
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

    /**
     * @param sendfileAllowed false for a file that will not outlive this call (sendfile reads
     *     the file after the servlet returns)
     */
    void respond(HttpServletRequest request, HttpServletResponse response, StoredImage image, String mediaType,
            boolean sendfileAllowed) throws IOException {
        ConditionalHeaders conditions = Conditions.of(request);
        ResponsePlan plan = ResponsePlan.decide(conditions, ImageHeaders.validatorsOf(image), image.size());
        new PlannedAnswer(imageHeaders.of(image, mediaType), image.size(), mediaType, new FileEntity(image, sendfileAllowed))
                .send(request, response, plan, ResponseHeaders.none());
    }

    /** The bytes of one stored file: sendfile for large slices, positional reads otherwise. */
    private final class FileEntity implements EntityBody {
        private final StoredImage image;
        private final boolean sendfileAllowed;

        FileEntity(StoredImage image, boolean sendfileAllowed) {
            this.image = image;
            this.sendfileAllowed = sendfileAllowed;
        }

        @Override
        public void send(HttpServletRequest request, HttpServletResponse response, long first, long length)
                throws IOException {
            if (sendfileAllowed && length >= sendfileMinBytes
                    && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
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

        @Override
        public void sendMultipart(HttpServletResponse response, MultipartByteranges multipart) throws IOException {
            try (FileBody body = FileBody.open(image.path())) {
                multipart.writeTo(response.getOutputStream(), body);
            }
        }
    }
}
