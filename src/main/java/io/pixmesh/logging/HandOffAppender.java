package io.pixmesh.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands each event to one writing thread, which passes it to the attached appender; the logging
 * thread takes no lock while the queue has room. What Logback's {@code AsyncAppender} does, for
 * the access log's one line per request, without its one lock.
 *
 * <p>Why not {@code AsyncAppender}: its {@code ArrayBlockingQueue} has a single lock that every
 * logging thread takes twice per event (the discarding threshold's {@code remainingCapacity()},
 * then {@code put}) and that its worker holds while it drains the whole queue. Under load every
 * request thread queues behind it, and a holder preempted on a busy core stalls them all: the
 * benchmark's profile showed request threads parked there for 10 ms and more
 * ({@code docs/benchmarks.md}). Here the queue is a {@link ConcurrentLinkedQueue} (lock-free),
 * its bound a {@link Semaphore}, whose permits are taken and given back by compare-and-set, and
 * the writer is never woken by a logging thread: it looks at the queue every 2 ms while lines
 * come, less often (up to every 64 ms) while none do.
 *
 * <p>Guarantees, the same as the shipped {@code AsyncAppender} configuration's: no event is ever
 * dropped; when {@code queueSize} events wait, logging threads wait for room (a stalled disk
 * slows answers rather than losing lines); events reach the attached appender in the order they
 * were queued; {@link #stop()} writes every queued event before it returns, however long that
 * takes. As with any Logback appender, an event logged after {@code stop()} began is refused.
 */
public class HandOffAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    /** Queued by {@link #stop()} after every event: the writer ends when it takes it. */
    private static final ILoggingEvent END = new LoggingEvent();
    /** Room is given back at least this often while the writer works through a long queue. */
    private static final int BATCH = 256;
    private static final long BUSY_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long IDLE_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(64);
    /** What {@link #writeQueued()} returns when it reached {@link #END}. */
    private static final int ENDED = -1;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private int queueSize = 8192;
    private ConcurrentLinkedQueue<ILoggingEvent> queue;
    private Semaphore room;
    private Thread writer;

    /** How many events may wait for the writer before logging threads wait too; 8192 unless set. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public int getQueueSize() {
        return queueSize;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 1) {
            addError("queueSize must be at least 1, not " + queueSize + ", for appender " + getName());
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addError("no appender attached to " + getName());
            return;
        }
        queue = new ConcurrentLinkedQueue<>();
        room = new Semaphore(queueSize);
        writer = new Thread(this::writeUntilEnd, "logback-handoff-" + getName());
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Fix what the writer thread could otherwise see differently: the message, thread, MDC.
        event.prepareForDeferredProcessing();
        room.acquireUninterruptibly();
        queue.offer(event);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        queue.offer(END);
        LockSupport.unpark(writer);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                // Keep waiting: returning early would lose the queued lines.
                interrupted = true;
            }
        }
        // An event that passed isStarted() just before stop() may have been queued after END.
        writeQueued();
        appenders.detachAndStopAllAppenders();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes what is queued, then naps. Logging threads never wake this thread (that would be a
     * system call per line whenever it sleeps). While lines come it looks again after
     * {@link #BUSY_NAP_NANOS}, so a full queue waits at most that long for room; each look that
     * finds nothing doubles the nap, up to {@link #IDLE_NAP_NANOS}: an idle node's writer wakes 16
     * times a second instead of 500 (each wake-up is CPU the request threads do not get), and the
     * first line after a quiet spell waits at most that long, well within the file appender's
     * flush interval. A burst that starts during a long nap has 64 ms of queue to fill: 8192
     * lines would take more than 128,000 requests a second.
     */
    private void writeUntilEnd() {
        long nap = BUSY_NAP_NANOS;
        for (int written = writeQueued(); written != ENDED; written = writeQueued()) {
            nap = written > 0 ? BUSY_NAP_NANOS : Math.min(2 * nap, IDLE_NAP_NANOS);
            LockSupport.parkNanos(this, nap);
        }
    }

    /**
     * Writes every queued event up to {@link #END}, giving room back as it goes; how many it
     * wrote, or {@link #ENDED} at END.
     */
    private int writeQueued() {
        int written = 0;
        int total = 0;
        try {
            for (ILoggingEvent event = queue.poll(); event != null; event = queue.poll()) {
                if (event == END) {
                    return ENDED;
                }
                appenders.appendLoopOnAppenders(event);
                total++;
                if (++written == BATCH) {
                    room.release(written);
                    written = 0;
                }
            }
            return total;
        } finally {
            room.release(written);
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
