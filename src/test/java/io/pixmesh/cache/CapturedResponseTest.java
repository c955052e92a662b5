package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CapturedResponseTest {

    /** The client's response: any call on it fails the test, proving nothing leaks through. */
    private static final HttpServletResponse UNTOUCHABLE = (HttpServletResponse) Proxy.newProxyInstance(
            CapturedResponseTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
                throw new AssertionError("the client's response was touched: " + method.getName());
            });

    @Test
    void keepsStatusFieldsAndBodyWithoutTouchingTheClientsResponse() throws IOException {
        CapturedResponse captured = new CapturedResponse(UNTOUCHABLE, 100);

        captured.setStatus(404);
        captured.setHeader("Cache-Control", "public, max-age=10");
        captured.setContentType("text/plain;charset=utf-8");
        captured.setContentLength(10);
        captured.getOutputStream().write("not found\n".getBytes(StandardCharsets.UTF_8));
        captured.flushBuffer();

        assertThat(captured.getStatus()).isEqualTo(404);
        assertThat(captured.isCommitted()).isFalse();
        assertThat(captured.headers().get("Cache-Control")).isEqualTo("public, max-age=10");
        assertThat(captured.headers().get("Content-Type")).isEqualTo("text/plain;charset=utf-8");
        assertThat(new String(captured.body(), StandardCharsets.UTF_8)).isEqualTo("not found\n");
        assertThat(captured.tooLarge()).isFalse();
    }

    @Test
    void setHeaderReplacesEveryValueOfTheFieldWhateverItsCase() {
        CapturedResponse captured = new CapturedResponse(UNTOUCHABLE, 100);

        captured.addHeader("X-A", "1");
        captured.addHeader("x-a", "2");
        captured.setHeader("X-a", "3");

        assertThat(captured.getHeaders("X-A")).containsExactly("3");
    }

    @Test
    void containerWrittenFieldsAreNotKept() {
        CapturedResponse captured = new CapturedResponse(UNTOUCHABLE, 100);

        captured.setHeader("Date", "Thu, 01 Jan 1970 00:00:00 GMT");
        captured.setHeader("Transfer-Encoding", "chunked");
        captured.setHeader("Connection", "close");
        captured.setHeader("ETag", "\"a\"");

        assertThat(captured.headers().all()).extracting(h -> h.name()).containsExactly("ETag");
    }

    @Test
    void aDeclaredLengthAboveTheLimitAbandonsTheAnswerAndTheNextWriteStopsTheOrigin() throws IOException {
        CapturedResponse captured = new CapturedResponse(UNTOUCHABLE, 100);

        captured.setContentLengthLong(101);

        assertThat(captured.tooLarge()).isTrue();
        assertThatThrownBy(() -> captured.getOutputStream().write(new byte[] {1}))
                .isInstanceOf(CapturedResponse.TooLargeException.class);
        assertThat(captured.body()).isEmpty();
    }

    @Test
    void writingPastTheLimitAbandonsTheAnswer() throws IOException {
        CapturedResponse captured = new CapturedResponse(UNTOUCHABLE, 100);
        captured.getOutputStream().write(new byte[100]);

        assertThatThrownBy(() -> captured.getOutputStream().write(new byte[] {1}))
                .isInstanceOf(CapturedResponse.TooLargeException.class);
        assertThat(captured.tooLarge()).isTrue();
        assertThat(captured.body()).isEmpty();
    }

    @Test
    void resetForgetsEverythingSoFar() throws IOException {
        CapturedResponse captured = new CapturedResponse(UNTOUCHABLE, 100);
        captured.setStatus(200);
        captured.setHeader("ETag", "\"a\"");
        captured.getOutputStream().write(new byte[10]);

        captured.reset();
        captured.setStatus(412);

        assertThat(captured.getStatus()).isEqualTo(412);
        assertThat(captured.headers().all()).isEmpty();
        assertThat(captured.body()).isEmpty();
    }
}
