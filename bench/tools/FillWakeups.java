import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of one burst of concurrent requests for a cold key (settings
 * bench/jfr/waits.jfc) and says how the followers waiting in {@code io.pixmesh.cache.Fill}
 * were woken: when the first and the last got going again, and whether they woke in the order
 * they arrived (a FIFO hand-off from one to the next) or all at once. Usage:
 * {@code java FillWakeups <recording.jfr>}.
 */
public final class FillWakeups {

    record Park(Instant start, Instant end, String thread) {
    }

    public static void main(String[] args) throws Exception {
        List<Park> parks = new ArrayList<>();
        long monitorWaits = 0;
        double monitorMillis = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (event.getEventType().getName().equals("jdk.ThreadPark")
                    && frames.stream().anyMatch(f -> (f.getMethod().getType().getName() + "." + f.getMethod().getName())
                            .equals("io.pixmesh.cache.Fill.follow"))) {
                parks.add(new Park(event.getStartTime(), event.getEndTime(), event.getThread().getJavaName()));
            } else if (event.getEventType().getName().equals("jdk.JavaMonitorEnter")) {
                monitorWaits++;
                monitorMillis += event.getDuration().toNanos() / 1e6;
            }
        }
        if (parks.isEmpty()) {
            System.out.println("followers=0");
            return;
        }
        parks.sort(Comparator.comparing(Park::start));
        Instant firstWake = parks.stream().map(Park::end).min(Comparator.naturalOrder()).get();
        Instant lastWake = parks.stream().map(Park::end).max(Comparator.naturalOrder()).get();
        int inOrder = 0;
        for (int i = 1; i < parks.size(); i++) {
            if (!parks.get(i).end().isBefore(parks.get(i - 1).end())) {
                inOrder++;
            }
        }
        System.out.printf("followers=%d wake_spread_us=%d woken_in_arrival_order=%.0f%% monitor_waits=%d monitor_wait_ms=%.1f%n",
                parks.size(), micros(firstWake, lastWake), 100.0 * inOrder / Math.max(1, parks.size() - 1),
                monitorWaits, monitorMillis);
    }

    static long micros(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000 + (to.getNano() - from.getNano()) / 1000;
    }
}
