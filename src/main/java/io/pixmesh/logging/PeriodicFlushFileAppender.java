package io.pixmesh.logging;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Logback's rolling file appender, writing through its buffer and flushing at most
 * {@code flushMillis} after a line, instead of after every line.
 *
 * <p>Why: behind the access log's asynchronous appender, one thread writes every line. Flushing
 * each one ({@code immediateFlush}, Logback's default) is a {@code write(2)} per request, and on
 * a busy node that thread then falls behind: the queue fills and request threads wait for it
 * (measured in {@code docs/benchmarks.md}). Buffered, a write carries some twenty lines at full
 * load, and a quiet node still hands every line to the file, and so to the relay, within
 * {@code flushMillis}.
 *
 * <p>What it costs: a JVM that dies without stopping Logback loses the buffer (at most
 * {@code bufferSize}, 8 KiB by default) on top of the asynchronous queue it loses anyway. A
 * normal stop flushes and closes as before. The file never holds part of a line, even then: each
 * line goes into the buffer in one write, and the buffer ({@link java.io.BufferedOutputStream})
 * writes out what it holds before taking a line that does not fit, so a restart appending to the
 * file cannot glue a torn line to a new one. Flushes take the appender's stream lock, the same
 * one a rollover holds while it swaps files, so a flush never touches a closed stream.
 */
public class PeriodicFlushFileAppender<E> extends RollingFileAppender<E> {

    private long flushMillis = 200;
    private ScheduledExecutorService flusher;

    /** The longest a written line may stay in the buffer; 200 ms unless configured. */
    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public long getFlushMillis() {
        return flushMillis;
    }

    @Override
    public void start() {
        if (flushMillis <= 0) {
            addError("flushMillis must be positive, not " + flushMillis + ", for appender " + getName());
            return;
        }
        setImmediateFlush(false);
        super.start();
        if (!isStarted()) {
            return;
        }
        flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "logback-flush-" + getName());
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
            flusher = null;
        }
        super.stop();
    }

    /** Hands what is buffered to the file. Cheap when nothing is: no system call is made. */
    void flush() {
        streamWriteLock.lock();
        try {
            OutputStream stream = getOutputStream();
            if (isStarted() && stream != null) {
                stream.flush();
            }
        } catch (IOException e) {
            addError("could not flush " + getFile(), e);
        } finally {
            streamWriteLock.unlock();
        }
    }
}
