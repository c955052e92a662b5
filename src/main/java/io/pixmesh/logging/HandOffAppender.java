package io.pixmesh.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Semaphore;

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
 * ({@code docs/benchmarks.md}). Here the queue is a {@link LinkedTransferQueue} (lock-free) and
 * its bound a {@link Semaphore}, whose permits are taken and given back by compare-and-set.
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
    private static final int BATCH = 1024;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private int queueSize = 8192;
    private LinkedTransferQueue<ILoggingEvent> queue;
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
        queue = new LinkedTransferQueue<>();
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
        List<ILoggingEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        writeAll(rest);
        appenders.detachAndStopAllAppenders();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilEnd() {
        List<ILoggingEvent> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but its JVM going down; keep writing until END.
                continue;
            }
            queue.drainTo(batch, BATCH - 1);
            if (writeAll(batch)) {
                return;
            }
            batch.clear();
        }
    }

    /** Writes {@code batch} up to {@link #END}, gives its room back, and says whether END was in it. */
    private boolean writeAll(List<ILoggingEvent> batch) {
        int written = 0;
        boolean ended = false;
        for (ILoggingEvent event : batch) {
            if (event == END) {
                ended = true;
            } else {
                appenders.appendLoopOnAppenders(event);
                written++;
            }
        }
        room.release(written);
        return ended;
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
