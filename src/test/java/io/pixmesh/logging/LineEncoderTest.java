package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineEncoderTest {

    private final LoggerContext context = new LoggerContext();

    private byte[] encode(String message, Object... arguments) {
        LineEncoder encoder = new LineEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder.encode(new LoggingEvent("test", context.getLogger("test"), Level.INFO, message, null, arguments));
    }

    @Test
    void theMessageAndANewlineNothingElse() {
        assertThat(encode("{\"id\":\"lon-n1-b-1\"}")).isEqualTo("{\"id\":\"lon-n1-b-1\"}\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theMessageIsFormattedAndWrittenInUtf8() {
        assertThat(new String(encode("{} é", "x"), StandardCharsets.UTF_8)).isEqualTo("x é\n");
    }

    @Test
    void noHeaderOrFooter() {
        LineEncoder encoder = new LineEncoder();

        assertThat(encoder.headerBytes()).isEmpty();
        assertThat(encoder.footerBytes()).isEmpty();
    }
}
