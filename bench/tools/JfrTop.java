import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates a JFR recording taken under load into Markdown: the hottest frames (self time),
 * Pixmesh's own methods by inclusive time, where the allocation goes (by class and by the first
 * Pixmesh frame allocating), and bytes allocated per request. Usage:
 * {@code java JfrTop <recording.jfr> [requests per second under the recording]}.
 */
public final class JfrTop {

    private static final String APP = "io.pixmesh.";

    public static void main(String[] args) throws IOException {
        double rps = args.length > 1 && !args[1].isEmpty() ? Double.parseDouble(args[1]) : 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> appInclusive = new HashMap<>();
        Map<String, Long> appCallSites = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        Map<Long, long[]> threadAllocated = new HashMap<>();
        Map<String, double[]> waits = new HashMap<>();
        Instant[] window = new Instant[2];
        long samples = 0;
        long allocSampled = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    List<RecordedFrame> frames = frames(event.getStackTrace());
                    if (frames.isEmpty()) {
                        continue;
                    }
                    samples++;
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    appCallSites.merge(callSite(frames), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String name = name(frame);
                        if (name.startsWith(APP) && seen.add(name)) {
                            appInclusive.merge(name, 1L, Long::sum);
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocSampled += weight;
                    allocByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                    allocBySite.merge(site(frames(event.getStackTrace())), weight, Long::sum);
                }
                case "jdk.ThreadAllocationStatistics" -> {
                    long allocated = event.getLong("allocated");
                    long id = event.getThread("thread") == null ? -1 : event.getThread("thread").getJavaThreadId();
                    threadAllocated.merge(id, new long[] {allocated, allocated},
                            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    Instant t = event.getStartTime();
                    window[0] = window[0] == null || t.isBefore(window[0]) ? t : window[0];
                    window[1] = window[1] == null || t.isAfter(window[1]) ? t : window[1];
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> {
                    String where = waitSite(event);
                    if (where != null) {
                        double[] w = waits.computeIfAbsent(where, k -> new double[2]);
                        w[0]++;
                        w[1] += event.getDuration().toNanos() / 1e6;
                    }
                }
                default -> {
                }
            }
        }
        long allocated = threadAllocated.values().stream().mapToLong(a -> a[1] - a[0]).sum();
        double seconds = window[0] == null ? 0 : Duration.between(window[0], window[1]).toMillis() / 1000.0;
        System.out.printf("Recording: %d execution samples; %.1f s between allocation snapshots%n%n", samples, seconds);
        if (rps > 0 && seconds > 0) {
            System.out.printf("- load: %.0f requests/s (wrk, 12 KiB hit)%n", rps);
            System.out.printf("- allocated by all threads: %.1f MB/s, %.0f bytes a request%n%n",
                    allocated / seconds / 1e6, allocated / (rps * seconds));
        }
        table("Hottest frames (self time, share of execution samples)", self, samples, 20, "frame");
        table("Pixmesh methods (inclusive: share of samples with the method on the stack)", appInclusive, samples, 25, "method");
        table("Pixmesh call sites (innermost Pixmesh frame and line → the method it was in or called; self time of"
                + " Pixmesh code and everything it calls, Tomcat's writes included)", appCallSites, samples, 25, "call site");
        System.out.println("Waits of request threads (JFR thresholds of settings=profile: monitors and parks of 10 ms or more;"
                + " idle pool threads left out)\n\n| waits | total | where |\n|---:|---:|---|");
        waits.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
                .limit(10)
                .forEach(e -> System.out.printf("| %.0f | %.0f ms | %s |%n", e.getValue()[0], e.getValue()[1], e.getKey()));
        System.out.println();
        table("Allocation by class (share of sampled allocation weight)", allocByClass, allocSampled, 12, "class");
        table("Allocation by site (first io.pixmesh frame, else the top frame)", allocBySite, allocSampled, 15, "site");
    }

    /**
     * What a request thread waited on, or null for waits of idle or background threads: the
     * monitor's class or the parking frame, and the nearest Pixmesh or library frame below it.
     */
    private static String waitSite(RecordedEvent event) {
        if (event.getThread() == null || !event.getThread().getJavaName().contains("-exec-")) {
            return null;
        }
        List<RecordedFrame> frames = frames(event.getStackTrace());
        if (frames.stream().anyMatch(f -> name(f).endsWith("ThreadPoolExecutor.getTask"))) {
            return null;
        }
        String what = event.getEventType().getName().equals("jdk.JavaMonitorEnter")
                ? "monitor `" + event.getClass("monitorClass").getName() + "`"
                : "park";
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return what + " in `" + name + ":" + frame.getLineNumber() + "`";
            }
        }
        return what;
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The innermost Pixmesh frame with its line, and the frame it called (or itself, if on top). */
    private static String callSite(List<RecordedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (name(frames.get(i)).startsWith(APP)) {
                String callee = i == 0 ? "(self)" : name(frames.get(i - 1));
                return name(frames.get(i)) + ":" + frames.get(i).getLineNumber() + " → " + callee;
            }
        }
        return "(outside Pixmesh)";
    }

    private static String site(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (name(frame).startsWith(APP)) {
                return name(frame) + ":" + frame.getLineNumber();
            }
        }
        return frames.isEmpty() ? "(no stack)" : name(frames.get(0)) + " (no Pixmesh frame)";
    }

    private static void table(String title, Map<String, Long> counts, long total, int limit, String what) {
        System.out.printf("%s%n%n| share | %s |%n|---:|---|%n", title, what);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> System.out.printf("| %.1f%% | `%s` |%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
        System.out.println();
    }
}
