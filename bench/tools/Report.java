import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Turns one run directory of bench/run.sh (results.tsv, facts.txt, coalesce.txt, jfr/) into
 * Markdown: the machine, the medians per scenario and contender, the ratios, and each target of
 * issue 7 with its numbers and whether it is met. Ratios are medians of per-round ratios: the
 * contenders of one round ran back to back, so a round's ratio is the least disturbed by load
 * that drifts over the run. Usage: {@code java Report <run directory>}.
 */
public final class Report {

    record Row(String scenario, String contender, int round, double rps, double p50, double p99, long errors, double cpu) {
    }

    static final Map<String, String> NAMES = Map.of("pixmesh", "Pixmesh", "default", "DefaultServlet",
            "ceiling", "ceiling", "nginx", "nginx", "edge", "Pixmesh edge (peer fill)");
    static final List<String> SCENARIOS = List.of("hit12", "hit48", "hit1m", "304", "big20m", "zipf", "peer-miss");
    static final Map<String, String> TITLES = Map.of("hit12", "hit 12 KiB", "hit48", "hit 48 KiB", "hit1m", "1 MiB (Pixmesh: above maxObjectKB, sendfile)",
            "304", "304 (If-None-Match)", "big20m", "20 MiB (sendfile)", "zipf", "Zipf mix, 10,000 files",
            "peer-miss", "peer miss (cold key each request)");

    final List<Row> rows = new ArrayList<>();
    final Map<String, String> facts = new LinkedHashMap<>();
    final List<String[]> targets = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        new Report().run(Path.of(args[0]));
    }

    void run(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("results.tsv")).subList(1, Files.readAllLines(dir.resolve("results.tsv")).size())) {
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[7]), Long.parseLong(f[9]), f.length > 10 ? Double.parseDouble(f[10]) : Double.NaN));
        }
        for (String line : Files.readAllLines(dir.resolve("facts.txt"))) {
            int eq = line.indexOf('=');
            facts.put(line.substring(0, eq), line.substring(eq + 1));
        }
        machine();
        results();
        ratios();
        heap();
        counters(dir.resolve("zipf-metrics.txt"), "Pixmesh's cache counters over the Zipf warm-up and rounds (`/-/metrics`, after minus before):");
        peerMiss();
        coalescing(dir.resolve("coalesce.txt"));
        targetsTable();
        Path top = dir.resolve("jfr/pixmesh-top.md");
        if (Files.exists(top)) {
            System.out.println("### JFR: Pixmesh under the 12 KiB hit load\n");
            System.out.println(Files.readString(top));
        }
        counters(dir.resolve("jfr/pixmesh-metrics.txt"),
                "Pixmesh's cache counters over the profiled load (`/-/metrics`, after minus before):");
        Path ceiling = dir.resolve("jfr/ceiling-top.md");
        if (Files.exists(ceiling)) {
            System.out.println("### JFR: the ceiling servlet under the same load (for comparison)\n");
            System.out.println(Files.readString(ceiling));
        }
    }

    static void counters(Path file, String title) throws IOException {
        if (Files.exists(file)) {
            System.out.println(title + "\n\n```");
            Files.readAllLines(file).forEach(System.out::println);
            System.out.println("```\n");
        }
    }

    void machine() {
        System.out.println("### Machine and run\n");
        System.out.println("| | |\n|---|---|");
        for (String key : List.of("date", "commit", "nproc", "cpu", "memory", "kernel", "java", "tomcat", "nginx", "wrk",
                "jvm_a", "settings")) {
            if (facts.containsKey(key)) {
                System.out.printf("| %s | %s |%n", key, facts.get(key));
            }
        }
        facts.forEach((key, value) -> {
            if (key.startsWith("load_")) {
                System.out.printf("| %s | %s |%n", key.replace('_', ' '), value);
            }
        });
        System.out.println();
    }

    void results() {
        System.out.println("### Medians over the rounds\n");
        System.out.println("req/s: median (lowest–highest round). Latency: wrk's, medians of the rounds' p50 and p99."
                + " Server CPU: the CPU time (user + system) of the contender's server process in a round divided by its"
                + " requests, median of the rounds (Tomcat A as a whole for the Tomcat contenders; nginx's master and"
                + " workers).\n");
        System.out.println("| scenario | contender | req/s | p50 | p99 | errors | server CPU per request |\n"
                + "|---|---|---:|---:|---:|---:|---:|");
        for (String scenario : SCENARIOS) {
            for (String contender : contenders(scenario)) {
                List<Row> rs = rows(scenario, contender);
                double[] rps = rs.stream().mapToDouble(Row::rps).sorted().toArray();
                double cpu = median(rs, Row::cpu);
                System.out.printf("| %s | %s | %s (%s–%s) | %s | %s | %d | %s |%n", TITLES.get(scenario), NAMES.get(contender),
                        count(median(rps)), count(rps[0]), count(rps[rps.length - 1]),
                        millis(median(rs, Row::p50)), millis(median(rs, Row::p99)),
                        rs.stream().mapToLong(Row::errors).sum(), Double.isNaN(cpu) ? "–" : String.format("%.1f µs", cpu));
            }
        }
        System.out.println();
    }

    void ratios() {
        System.out.println("### Ratios (median of the per-round ratios)\n");
        System.out.println("p99 ratios of the other Tomcat contenders to nginx show what any servlet in this Tomcat gets"
                + " on this machine.\n");
        System.out.println("| scenario | req/s Pixmesh ÷ DefaultServlet | ÷ ceiling | ÷ nginx | p99 Pixmesh ÷ nginx |"
                + " p99 DefaultServlet ÷ nginx | p99 ceiling ÷ nginx |\n|---|---:|---:|---:|---:|---:|---:|");
        for (String scenario : SCENARIOS) {
            if (rows(scenario, "pixmesh").isEmpty()) {
                continue;
            }
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", TITLES.get(scenario),
                    ratioText(scenario, "default", Row::rps), ratioText(scenario, "ceiling", Row::rps),
                    ratioText(scenario, "nginx", Row::rps), ratioText(scenario, "nginx", Row::p99),
                    ratioText("default", scenario, "nginx", Row::p99), ratioText("ceiling", scenario, "nginx", Row::p99));
        }
        System.out.println();
        byJvm();
        for (String scenario : List.of("hit12", "hit48", "304")) {
            if (!rows(scenario, "pixmesh").isEmpty()) {
                target(TITLES.get(scenario) + ": req/s ≥ 1.0× DefaultServlet", ratio(scenario, "default", Row::rps), 1.0, true);
                target(TITLES.get(scenario) + ": req/s ≥ 0.95× ceiling", ratio(scenario, "ceiling", Row::rps), 0.95, true);
            }
        }
        if (!rows("big20m", "pixmesh").isEmpty()) {
            target("20 MiB: req/s ≥ 0.9× nginx", ratio("big20m", "nginx", Row::rps), 0.9, true);
        }
        for (String scenario : List.of("hit12", "hit48", "hit1m", "304")) {
            if (!rows(scenario, "pixmesh").isEmpty()) {
                target(TITLES.get(scenario) + ": p99 ≤ 2× nginx's (" + millis(median(rows(scenario, "pixmesh"), Row::p99))
                        + " vs " + millis(median(rows(scenario, "nginx"), Row::p99)) + ")",
                        ratio(scenario, "nginx", Row::p99), 2.0, false);
            }
        }
    }

    /**
     * The hit scenarios' ratios and CPU per request in each JVM of Tomcat A, when a fork ran them
     * again: how far one JVM's JIT moves them is what a single-JVM run cannot show.
     */
    void byJvm() {
        int perJvm;
        try {
            perJvm = Integer.parseInt(settingsValue("ROUNDS"));
        } catch (NumberFormatException e) {
            return;
        }
        List<String> forked = List.of("hit12", "hit48", "hit1m", "304").stream()
                .filter(s -> rows(s, "pixmesh").stream().anyMatch(r -> r.round > perJvm)).toList();
        if (forked.isEmpty()) {
            return;
        }
        System.out.println("#### By JVM of Tomcat A\n");
        System.out.printf("Rounds 1–%d ran in the first JVM, the later ones in the second (after `fork`);"
                + " medians within each.%n%n", perJvm);
        System.out.println("| scenario | JVM | req/s Pixmesh ÷ DefaultServlet | ÷ ceiling | server CPU per request:"
                + " Pixmesh | DefaultServlet | ceiling |\n|---|---:|---:|---:|---:|---:|---:|");
        for (String scenario : forked) {
            for (int jvm = 1; jvm <= 2; jvm++) {
                IntPredicate in = jvm == 1 ? r -> r <= perJvm : r -> r > perJvm;
                System.out.printf("| %s | %d | %s | %s | %s | %s | %s |%n", TITLES.get(scenario), jvm,
                        format(ratio("pixmesh", scenario, "default", Row::rps, in)),
                        format(ratio("pixmesh", scenario, "ceiling", Row::rps, in)),
                        micros(scenario, "pixmesh", in), micros(scenario, "default", in), micros(scenario, "ceiling", in));
            }
        }
        System.out.println();
    }

    String micros(String scenario, String contender, IntPredicate rounds) {
        double cpu = median(rows(scenario, contender).stream().filter(r -> rounds.test(r.round)).toList(), Row::cpu);
        return Double.isNaN(cpu) ? "–" : String.format("%.1f µs", cpu);
    }

    static String format(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format("%.2f", ratio);
    }

    void heap() {
        if (!facts.containsKey("heap_used_kb")) {
            return;
        }
        double used = Long.parseLong(facts.get("heap_used_kb")) / 1024.0;
        double tier = Long.parseLong(facts.get("heap_tier_bound_bytes")) / 1048576.0;
        System.out.println("### Heap after the Zipf run\n");
        System.out.printf("Heap in use after a full GC (`jcmd GC.run`, then `GC.heap_info`; the whole Tomcat: all four"
                + " contexts): **%.0f MiB**. Heap tier: %s entries held (`heapEntries`=%s); the largest %s answers"
                + " the cache has seen sum to %.1f MiB, so the bound is %.1f + 64 = **%.1f MiB**. (The off-heap tier,"
                + " %s MiB, is direct memory, outside the heap.)%n%n",
                used, facts.get("heap_tier_entries"), settingsValue("HEAP_ENTRIES"), settingsValue("HEAP_ENTRIES"),
                tier, tier, tier + 64, facts.get("offheap_mb"));
        targets.add(new String[] {"heap after Zipf ≤ heap tier + 64 MiB",
                String.format("%.0f MiB vs %.1f MiB", used, tier + 64), used <= tier + 64 ? "met" : "**not met**"});
    }

    void peerMiss() {
        List<Row> rs = rows("peer-miss", "edge");
        if (rs.isEmpty()) {
            return;
        }
        System.out.println("### Peer miss\n");
        System.out.printf("Fills per second: **%s** (median), p99 **%s**; requests that reached the peer's image servlet"
                + " during the rounds and warm-up: %s.%n%n", count(median(rs, Row::rps)), millis(median(rs, Row::p99)),
                facts.getOrDefault("peer_miss_peer_requests", "?"));
    }

    void coalescing(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        Map<String, String> single = keyValues(lines.get(0));
        List<Map<String, String>> bursts = new ArrayList<>();
        System.out.println("### 64 concurrent requests for one cold key\n");
        System.out.printf("Single cold fetches (one at a time, %s keys): p50 %s, p99 %s; %s.%n%n", single.get("n"),
                micros(single.get("p50_us")), micros(single.get("p99_us")), lines.get(1).replace('_', ' '));
        System.out.println("| burst | p50 | p99 | all 64 sent within | answered as `collapsed` | not 200 | requests at the peer | edge's peer fetches | same burst, key stored: p50 | p99 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        String diagnostic = null;
        for (String line : lines.subList(2, lines.size())) {
            if (line.startsWith("diagnostic ")) {
                diagnostic = line;
                continue;
            }
            Map<String, String> b = keyValues(line);
            bursts.add(b);
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", line.split(" ")[1], micros(b.get("p50_us")),
                    micros(b.get("p99_us")), micros(b.get("spread_us")), b.get("collapsed"), b.get("not200"),
                    b.get("peer_requests"), b.get("edge_peer_fetches"), micros(b.get("hot_p50_us")), micros(b.get("hot_p99_us")));
        }
        System.out.println();
        if (diagnostic != null) {
            Map<String, String> d = keyValues(diagnostic);
            System.out.printf("One more burst under JFR (bench/jfr/waits.jfc; not in the table): p99 %s; %s requests waited"
                    + " in `Fill.follow`; from the first to the last of them waking up: %s; woken in the order they arrived:"
                    + " %s of consecutive pairs.%n%n", micros(d.get("p99_us")), d.get("followers"),
                    micros(d.getOrDefault("wake_spread_us", "0")), d.getOrDefault("woken_in_arrival_order", "–"));
        }
        boolean one = bursts.stream().allMatch(b -> b.get("peer_requests").equals("1") && b.get("edge_peer_fetches").equals("1"));
        targets.add(new String[] {"cold key × 64: one peer fetch per burst",
                bursts.size() + " bursts: peer requests " + String.join(", ", bursts.stream().map(b -> b.get("peer_requests")).toList()),
                one ? "met" : "**not met**"});
        double p99 = median(bursts.stream().mapToDouble(b -> Double.parseDouble(b.get("p99_us"))).sorted().toArray());
        double base = Double.parseDouble(single.get("p50_us"));
        target("cold key × 64: p99 ≤ 1.3× a single fetch (" + micros(String.valueOf((long) p99)) + " vs "
                + micros(single.get("p50_us")) + ", medians)", p99 / base, 1.3, false);
    }

    void targetsTable() {
        System.out.println("### Targets\n");
        System.out.println("| target | measured | |\n|---|---|---|");
        for (String[] t : targets) {
            System.out.printf("| %s | %s | %s |%n", t[0], t[1], t[2]);
        }
        System.out.println();
    }

    void target(String what, double value, double limit, boolean atLeast) {
        boolean met = atLeast ? value >= limit : value <= limit;
        targets.add(new String[] {what, String.format("%.2f×", value), met ? "met" : "**not met**"});
    }

    List<String> contenders(String scenario) {
        return rows.stream().filter(r -> r.scenario.equals(scenario)).map(Row::contender).distinct().toList();
    }

    List<Row> rows(String scenario, String contender) {
        return rows.stream().filter(r -> r.scenario.equals(scenario) && r.contender.equals(contender)).toList();
    }

    double ratio(String scenario, String other, ToDoubleFunction<Row> value) {
        return ratio("pixmesh", scenario, other, value);
    }

    /** The median over rounds of {@code value} of {@code contender} ÷ that of {@code other} in the same round. */
    double ratio(String contender, String scenario, String other, ToDoubleFunction<Row> value) {
        return ratio(contender, scenario, other, value, round -> true);
    }

    /** The same over the rounds {@code rounds} accepts. */
    double ratio(String contender, String scenario, String other, ToDoubleFunction<Row> value, IntPredicate rounds) {
        List<Double> ratios = new ArrayList<>();
        for (Row p : rows(scenario, contender)) {
            if (!rounds.test(p.round)) {
                continue;
            }
            rows(scenario, other).stream().filter(o -> o.round == p.round).findFirst()
                    .ifPresent(o -> ratios.add(value.applyAsDouble(p) / value.applyAsDouble(o)));
        }
        return ratios.isEmpty() ? Double.NaN : median(ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    String ratioText(String scenario, String other, ToDoubleFunction<Row> value) {
        return ratioText("pixmesh", scenario, other, value);
    }

    String ratioText(String contender, String scenario, String other, ToDoubleFunction<Row> value) {
        return format(ratio(contender, scenario, other, value));
    }

    String settingsValue(String key) {
        for (String part : facts.getOrDefault("settings", "").split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return "?";
    }

    static Map<String, String> keyValues(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return values;
    }

    static double median(List<Row> rs, ToDoubleFunction<Row> value) {
        return median(rs.stream().mapToDouble(value).sorted().toArray());
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String count(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    static String millis(double micros) {
        double ms = micros / 1000;
        return ms < 10 ? String.format("%.2f ms", ms) : ms < 100 ? String.format("%.1f ms", ms) : String.format("%.0f ms", ms);
    }

    static String micros(String micros) {
        return millis(Double.parseDouble(micros));
    }
}
