package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeriodicFlushFileAppenderTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    /** An appender whose buffer holds 100 bytes and that would flush only after a minute. */
    private Logger logger(Path file) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PeriodicFlushFileAppender<ILoggingEvent> appender = new PeriodicFlushFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setBufferSize(new FileSize(100));
        appender.setFlushMillis(60_000);
        TimeBasedRollingPolicy<ILoggingEvent> rolling = new TimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("access.%d{yyyy-MM-dd}.log").toString());
        rolling.start();
        appender.setRollingPolicy(rolling);
        LineEncoder encoder = new LineEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        Logger logger = context.getLogger("test");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return logger;
    }

    /**
     * What a JVM killed at this moment leaves: whatever the buffer wrote out. That is whole lines
     * only, so a restart appending to the file cannot glue a torn line to a new one.
     */
    @Test
    void aFullBufferIsWrittenOutInWholeLinesOnly() throws Exception {
        Path file = dir.resolve("access.log");
        Logger logger = logger(file);
        String line = "{\"id\":\"lon-n1-b-%d\",\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}";

        for (int i = 1; i <= 3; i++) {
            logger.info(String.format(line, i));
        }

        // Each line is 61 bytes: the second did not fit beside the first, the third not beside
        // the second; each time the buffer wrote out what it held, and only that.
        assertThat(Files.readString(file)).isEqualTo(String.format(line, 1) + "\n" + String.format(line, 2) + "\n");
    }

    @Test
    void stoppingWritesEverything() throws Exception {
        Path file = dir.resolve("access.log");
        Logger logger = logger(file);

        logger.info("one");
        logger.info("two");
        context.stop();

        assertThat(Files.readString(file)).isEqualTo("one\ntwo\n");
    }
}
