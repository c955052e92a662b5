package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.status.Status;
import io.pixmesh.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WAR's logback.xml and the operator's version both give the access log its guarantees. */
class LogbackConfigTest {

    @TempDir
    Path dir;

    private static LoggerContext configured(String file, Map<String, String> properties) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of(file).toFile());
        assertNoWarnings(context);
        return context;
    }

    private static void assertNoWarnings(LoggerContext context) {
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(status -> status.getLevel() >= Status.WARN)
                .isEmpty();
    }

    private static HandOffAppender accessAppender(LoggerContext context) {
        Logger access = context.getLogger(AccessLogFilter.LOGGER);
        assertThat(access.isAdditive()).as("access lines stay out of catalina.out").isFalse();
        return (HandOffAppender) access.getAppender("ACCESS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/logback.xml", "webapp-config/logback.xml"})
    void accessLinesAreQueuedForOneWriterThread(String file) throws Exception {
        HandOffAppender handOff = accessAppender(configured(file, Map.of("pixmesh.log.dir", dir.toString())));

        assertThat(handOff.isStarted()).isTrue();
        assertThat(handOff.getQueueSize()).isEqualTo(8192);
        assertThat(handOff.getAppender("ACCESS_FILE")).isInstanceOfSatisfying(PeriodicFlushFileAppender.class,
                appender -> assertThat(appender.getEncoder()).isInstanceOf(LineEncoder.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/logback.xml", "webapp-config/logback.xml"})
    void eachLineIsWrittenAsItIsToTheFileNamedBySystemProperty(String file) throws Exception {
        LoggerContext context = configured(file, Map.of("pixmesh.log.dir", dir.toString()));
        @SuppressWarnings("unchecked")
        RollingFileAppender<ILoggingEvent> rolling =
                (RollingFileAppender<ILoggingEvent>) accessAppender(context).getAppender("ACCESS_FILE");

        context.getLogger(AccessLogFilter.LOGGER).info("{\"id\":\"lon-n1-b-1\",\"x\":\"{}\"}");
        context.stop();

        assertNoWarnings(context);
        assertThat(Path.of(rolling.getFile())).isEqualTo(dir.resolve("pixmesh-access.log"));
        assertThat(Files.readString(dir.resolve("pixmesh-access.log"))).isEqualTo("{\"id\":\"lon-n1-b-1\",\"x\":\"{}\"}\n");
    }

    @Test
    void theWarWritesToTomcatsLogsDirectoryByDefault() throws Exception {
        LoggerContext context = configured("src/main/resources/logback.xml", Map.of("catalina.base", dir.toString()));

        context.getLogger(AccessLogFilter.LOGGER).info("{}");
        context.stop();

        assertThat(dir.resolve("logs/pixmesh-access.log")).hasContent("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/logback.xml", "webapp-config/logback.xml"})
    void aLineReachesTheFileWithinTheFlushIntervalWithoutAWritePerLine(String file) throws Exception {
        LoggerContext context = configured(file, Map.of("pixmesh.log.dir", dir.toString()));
        PeriodicFlushFileAppender<?> appender =
                (PeriodicFlushFileAppender<?>) accessAppender(context).getAppender("ACCESS_FILE");
        Path log = dir.resolve("pixmesh-access.log");
        try {
            assertThat(appender.isImmediateFlush()).as("no write(2) per line").isFalse();
            assertThat(appender.getFlushMillis()).isEqualTo(200);

            context.getLogger(AccessLogFilter.LOGGER).info("{\"id\":\"lon-n1-b-1\"}");

            // The context keeps running: only the periodic flush can put the line in the file.
            String content = Poll.until(() -> Files.readString(log), text -> !text.isEmpty(), Duration.ofSeconds(10));
            assertThat(content).isEqualTo("{\"id\":\"lon-n1-b-1\"}\n");
        } finally {
            context.stop();
        }
    }
}
