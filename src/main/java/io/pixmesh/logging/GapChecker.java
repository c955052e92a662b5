package io.pixmesh.logging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads access log files (a collector's, or a node's own, {@code .gz} archives included) and
 * reports, for each boot of each node, the request ids missing from the sequence and the ids
 * seen more than once. Exits 1 when any id is missing, 2 on a usage or read error, 0 otherwise.
 *
 * <pre>java -cp target/classes io.pixmesh.logging.GapChecker [--partial] FILE-OR-DIRECTORY...</pre>
 *
 * <p>By default every boot must hold every id from 1 to its highest. With {@code --partial}
 * (files that hold a window of time, e.g. one day), only ids between a boot's lowest and highest
 * count. Either way, lines lost after a boot's last line seen cannot show: compare the highest
 * sequence numbers with the node's own file for that.
 *
 * <p>It needs no library: the id is found with a pattern, which is exact for lines written by
 * {@link AccessLine} (an id is a token, and a quote inside any value is escaped, so
 * {@code "id":"} cannot occur anywhere but at the id).
 */
public final class GapChecker {

    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z0-9-]+)-([1-9][0-9]{0,17})\"");
    private static final int RANGES_SHOWN = 20;

    private GapChecker() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** What {@link #main} does, short of exiting: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean partial = args.length > 0 && args[0].equals("--partial");
        List<Path> roots = Stream.of(args).skip(partial ? 1 : 0).map(Path::of).toList();
        if (roots.isEmpty()) {
            err.println("usage: GapChecker [--partial] FILE-OR-DIRECTORY...");
            return 2;
        }
        GapReport report;
        try {
            report = check(files(roots), partial);
        } catch (IOException | UncheckedIOException e) {
            err.println("GapChecker: cannot read " + e.getMessage());
            return 2;
        }
        print(report, out);
        return report.hasGaps() ? 1 : 0;
    }

    /** Every regular file under {@code roots} (a file stands for itself), sorted by path. */
    static List<Path> files(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** What {@code files} hold together: a line found in two files is a duplicate. */
    static GapReport check(List<Path> files, boolean partial) throws IOException {
        Map<String, Tally> tallies = new TreeMap<>();
        long unreadable = 0;
        for (Path file : files) {
            try (BufferedReader lines = reader(file)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher id = ID.matcher(line);
                    if (id.find()) {
                        tallies.computeIfAbsent(id.group(1), boot -> new Tally()).add(Long.parseLong(id.group(2)));
                    } else {
                        unreadable++;
                    }
                }
            }
        }
        List<GapReport.Boot> boots = new ArrayList<>();
        tallies.forEach((boot, tally) -> boots.add(tally.report(boot, partial)));
        return new GapReport(boots, unreadable);
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    static void print(GapReport report, PrintStream out) {
        for (GapReport.Boot boot : report.boots()) {
            out.printf("%s: %d lines, seq %d..%d, %d duplicates, %s%n", boot.boot(), boot.lines(), boot.first(),
                    boot.last(), boot.duplicates(), gaps(boot));
        }
        out.printf("%d boots, %d duplicates, %d unreadable lines, %s%n", report.boots().size(), report.duplicates(),
                report.unreadable(), report.hasGaps() ? "GAPS" : "no gaps");
    }

    private static String gaps(GapReport.Boot boot) {
        if (boot.missing().isEmpty()) {
            return "no gaps";
        }
        List<String> shown = boot.missing().stream().limit(RANGES_SHOWN).map(SeqRanges.Range::toString).toList();
        String more = boot.missing().size() > RANGES_SHOWN ? " ..." : "";
        return boot.missingCount() + " missing: " + String.join(", ", shown) + more;
    }

    /** The lines of one boot read so far. */
    private static final class Tally {
        private final SeqRanges seen = new SeqRanges();
        private long lines;
        private long duplicates;

        void add(long seq) {
            lines++;
            if (!seen.add(seq)) {
                duplicates++;
            }
        }

        GapReport.Boot report(String boot, boolean partial) {
            List<SeqRanges.Range> missing = seen.missingFrom(partial ? seen.first() : 1);
            return new GapReport.Boot(boot, lines, seen.first(), seen.last(), duplicates, missing);
        }
    }
}
