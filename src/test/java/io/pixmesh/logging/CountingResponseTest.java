package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CountingResponseTest {

    /** What reached the container's response: its body, and how often it was reset. */
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int resets;

    private final ServletOutputStream containerStream = new ServletOutputStream() {
        @Override
        public void write(int b) {
            body.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    };

    private final HttpServletResponse container = (HttpServletResponse) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getOutputStream":
                        return containerStream;
                    case "reset":
                    case "resetBuffer":
                        resets++;
                        body.reset();
                        return null;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    @Test
    void countsEveryByteAndPassesItOnUnchanged() throws Exception {
        CountingResponse response = new CountingResponse(container);

        ServletOutputStream out = response.getOutputStream();
        out.write('a');
        out.write("bcdef".getBytes(StandardCharsets.US_ASCII), 1, 3);
        out.write(ByteBuffer.wrap("xyz".getBytes(StandardCharsets.US_ASCII)));
        out.print("!?");

        assertThat(response.bytesWritten()).isEqualTo(9);
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("acdexyz!?");
    }

    @Test
    void nothingWrittenIsZero() {
        assertThat(new CountingResponse(container).bytesWritten()).isZero();
    }

    @Test
    void aResetDiscardsTheCountWithTheBuffer() throws Exception {
        CountingResponse response = new CountingResponse(container);
        response.getOutputStream().write(new byte[100]);

        response.reset();
        response.getOutputStream().write(new byte[7]);
        response.resetBuffer();
        response.getOutputStream().write(new byte[3]);

        assertThat(resets).isEqualTo(2);
        assertThat(response.bytesWritten()).isEqualTo(3);
        assertThat(body.size()).isEqualTo(3);
    }
}
