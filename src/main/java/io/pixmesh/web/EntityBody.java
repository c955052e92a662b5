package io.pixmesh.web;

import io.pixmesh.http.MultipartByteranges;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Where the bytes of a representation come from when an answer needs them: a file, or memory. */
public interface EntityBody {

    /**
     * Sends {@code length > 0} bytes from offset {@code first} as the whole body; status and
     * {@code Content-Length} are already set.
     */
    void send(HttpServletRequest request, HttpServletResponse response, long first, long length) throws IOException;

    /** Sends {@code multipart}'s body, drawing each part's bytes from this representation. */
    void sendMultipart(HttpServletResponse response, MultipartByteranges multipart) throws IOException;
}
