package io.pixmesh.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Encodes an event as its message and a newline, in UTF-8: what {@code <pattern>%msg%n</pattern>}
 * gives, without a pattern layout's converter chain and string builder per line. The access log's
 * lines are already whole JSON objects of printable ASCII ({@link AccessLine}); the writer thread
 * only has to turn each into bytes.
 */
public class LineEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (event.getFormattedMessage() + '\n').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
