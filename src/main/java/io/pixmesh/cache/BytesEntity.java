package io.pixmesh.cache;

import io.pixmesh.http.BodySlices;
import io.pixmesh.http.MultipartByteranges;
import io.pixmesh.web.EntityBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.LongConsumer;

/** A stored body, written straight from the cached array: no copy on the way out. */
final class BytesEntity implements EntityBody {

    private final byte[] body;
    private final LongConsumer sent;

    /** @param sent told how many body bytes each answer sent, for the metrics */
    BytesEntity(byte[] body, LongConsumer sent) {
        this.body = body;
        this.sent = sent;
    }

    @Override
    public void send(HttpServletRequest request, HttpServletResponse response, long first, long length)
            throws IOException {
        response.getOutputStream().write(body, (int) first, (int) length);
        sent.accept(length);
    }

    @Override
    public void sendMultipart(HttpServletResponse response, MultipartByteranges multipart) throws IOException {
        multipart.writeTo(response.getOutputStream(), BodySlices.of(body));
        sent.accept(multipart.contentLength());
    }
}
