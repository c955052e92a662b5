package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.status.Status;
import io.pixmesh.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandOffAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final Sink sink = new Sink();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Records every message it is given; while its gate is shut, the writer thread waits in it. */
    private static final class Sink extends AppenderBase<ILoggingEvent> {
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch firstArrived = new CountDownLatch(1);
        volatile boolean gated;

        @Override
        protected void append(ILoggingEvent event) {
            firstArrived.countDown();
            if (gated) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            messages.add(event.getFormattedMessage());
        }
    }

    private Logger logger(int queueSize) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        sink.setContext(context);
        sink.start();
        HandOffAppender handOff = new HandOffAppender();
        handOff.setContext(context);
        handOff.setName("TEST");
        handOff.setQueueSize(queueSize);
        handOff.addAppender(sink);
        handOff.start();
        Logger logger = context.getLogger("test");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(handOff);
        return logger;
    }

    @AfterEach
    void tearDown() {
        sink.gate.countDown();
        threads.shutdownNow();
        context.stop();
    }

    @Test
    void everyLineOfManyThreadsArrivesOnceAndInEachThreadsOrder() throws Exception {
        Logger logger = logger(64);
        int writers = 8;
        int lines = 5_000;
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(threads.submit(() -> {
                for (int i = 0; i < lines; i++) {
                    logger.info("{} {}", writer, i);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        context.stop();

        assertThat(sink.messages).hasSize(writers * lines);
        Map<String, Integer> next = new HashMap<>();
        for (String message : sink.messages) {
            String[] parts = message.split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertThat(Integer.parseInt(parts[1])).as("line of writer %s", parts[0]).isEqualTo(expected);
            next.put(parts[0], expected + 1);
        }
        assertThat(next.values()).containsOnly(lines);
    }

    @Test
    void aFullQueueMakesTheLoggingThreadWaitAndLosesNothing() throws Exception {
        Logger logger = logger(3);
        sink.gated = true;
        AtomicInteger logged = new AtomicInteger();
        Thread[] producer = new Thread[1];
        Future<?> producing = threads.submit(() -> {
            producer[0] = Thread.currentThread();
            for (int i = 0; i < 10; i++) {
                logger.info("line {}", i);
                logged.incrementAndGet();
            }
        });
        assertThat(sink.firstArrived.await(10, TimeUnit.SECONDS)).isTrue();

        // The writer holds line 0 in the shut sink; its room comes back only once written, so the
        // producer gets three lines in and then waits for room, not dropping the fourth.
        Thread.State state = Poll.until(() -> producer[0].getState(),
                s -> s == Thread.State.WAITING, Duration.ofSeconds(10));
        assertThat(state).isEqualTo(Thread.State.WAITING);
        assertThat(logged).hasValue(3);
        assertThat(producing).isNotDone();

        sink.gate.countDown();
        producing.get(10, TimeUnit.SECONDS);
        context.stop();

        assertThat(sink.messages).containsExactly(
                "line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9");
    }

    @Test
    void aLineAfterAQuietSpellStillArrivesWithoutAStop() throws Exception {
        Logger logger = logger(100);
        logger.info("before");
        Poll.until(() -> List.copyOf(sink.messages), m -> m.size() == 1, Duration.ofSeconds(10));

        // The quiet spell is what is tested: the writer, finding nothing, naps longer and longer
        // (to at most 64 ms), and must still come back for the next line.
        Thread.sleep(500);
        logger.info("after");

        List<String> arrived = Poll.until(() -> List.copyOf(sink.messages), m -> m.size() == 2, Duration.ofSeconds(1));
        assertThat(arrived).containsExactly("before", "after");
    }

    @Test
    void stopWritesEveryQueuedLineBeforeItReturns() throws Exception {
        Logger logger = logger(100);
        sink.gated = true;
        for (int i = 0; i < 50; i++) {
            logger.info("queued {}", i);
        }
        assertThat(sink.firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] stopper = new Thread[1];
        Future<?> stopping = threads.submit(() -> {
            stopper[0] = Thread.currentThread();
            context.stop();
        });

        // stop() waits for the writer, which waits behind the shut sink with 49 lines queued.
        Thread.State state = Poll.until(() -> stopper[0] == null ? null : stopper[0].getState(),
                s -> s == Thread.State.WAITING, Duration.ofSeconds(10));
        assertThat(state).isEqualTo(Thread.State.WAITING);
        assertThat(stopping).isNotDone();
        assertThat(sink.messages).isEmpty();
        sink.gate.countDown();
        stopping.get(10, TimeUnit.SECONDS);

        assertThat(sink.messages).hasSize(50).startsWith("queued 0").endsWith("queued 49");
    }

    @Test
    void refusesToStartWithoutAnAppenderOrRoom() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        HandOffAppender alone = new HandOffAppender();
        alone.setContext(context);
        alone.setName("ALONE");
        alone.start();

        HandOffAppender roomless = new HandOffAppender();
        roomless.setContext(context);
        roomless.setName("ROOMLESS");
        roomless.setQueueSize(0);
        roomless.addAppender(sink);
        roomless.start();

        assertThat(alone.isStarted()).isFalse();
        assertThat(roomless.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(status -> status.getLevel() == Status.ERROR)
                .extracting(Status::getMessage)
                .anySatisfy(message -> assertThat(message).contains("no appender attached to ALONE"))
                .anySatisfy(message -> assertThat(message).contains("queueSize must be at least 1, not 0"));
    }
}
