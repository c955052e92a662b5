package io.pixmesh.logging;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Counts the body bytes written through the response's output stream, and nothing else: every
 * call reaches the container's response unchanged. A reset discards what was buffered, so it
 * starts the count again. Sendfile is untouched: the servlet asks for it with request
 * attributes, which no response wrapper hides.
 *
 * <p>Bytes written through {@link #getWriter()} are not counted: every Pixmesh body goes through
 * the output stream, and counting a writer's bytes would mean encoding its characters twice.
 */
final class CountingResponse extends HttpServletResponseWrapper {

    private CountingStream stream;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    /** Body bytes written since the last reset. */
    long bytesWritten() {
        return stream == null ? 0 : stream.count;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public void reset() {
        super.reset();
        restartCount();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        restartCount();
    }

    private void restartCount() {
        if (stream != null) {
            stream.count = 0;
        }
    }

    private static final class CountingStream extends ServletOutputStream {

        private final ServletOutputStream delegate;
        private long count;

        CountingStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            delegate.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void write(ByteBuffer buffer) throws IOException {
            int length = buffer.remaining();
            delegate.write(buffer);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }
}
