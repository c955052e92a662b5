package io.pixmesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GapCheckerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static String line(String boot, long seq) {
        return "{\"id\":\"" + boot + "-" + seq + "\",\"time\":\"2025-06-01T00:00:00.000Z\",\"site\":\"lon\","
                + "\"userAgent\":\"say \\\"id\\\":\\\"x-y-z-9\\\"\"}";
    }

    private Path write(String name, String boot, long... seqs) throws Exception {
        String text = LongStream.of(seqs).mapToObj(seq -> line(boot, seq) + "\n").collect(Collectors.joining());
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private int run(String... args) {
        return GapChecker.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void completeFilesPassAndDuplicatesAreCounted() throws Exception {
        write("lon/img-01.log", "lon-img-01-mbx1abcd", 1, 2, 3, 2, 4);

        GapReport report = GapChecker.check(List.of(dir.resolve("lon/img-01.log")), false);

        assertThat(report.hasGaps()).isFalse();
        assertThat(report.boots()).singleElement().satisfies(boot -> {
            assertThat(boot.boot()).isEqualTo("lon-img-01-mbx1abcd");
            assertThat(boot.lines()).isEqualTo(5);
            assertThat(boot.duplicates()).isEqualTo(1);
            assertThat(boot.last()).isEqualTo(4);
        });
    }

    @Test
    void eachBootOfEachNodeIsCheckedOnItsOwn() throws Exception {
        write("lon/img-01.log", "lon-img-01-mbx1abcd", 1, 2, 4);
        write("lon/img-02.log", "lon-img-02-mbx1abcd", 1, 2, 3);
        Files.writeString(dir.resolve("lon/img-01.log"), line("lon-img-01-mbx2efgh", 1) + "\n", StandardOpenOption.APPEND);

        GapReport report = GapChecker.check(GapChecker.files(List.of(dir)), false);

        assertThat(report.boots()).extracting(GapReport.Boot::boot)
                .containsExactly("lon-img-01-mbx1abcd", "lon-img-01-mbx2efgh", "lon-img-02-mbx1abcd");
        assertThat(report.boots().get(0).missing()).map(SeqRanges.Range::toString).containsExactly("3");
        assertThat(report.hasGaps()).isTrue();
    }

    @Test
    void compressedArchivesAreRead() throws Exception {
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("pixmesh-access.2025-06-01.0.log.gz")))) {
            gz.write((line("lon-n1-b", 1) + "\n" + line("lon-n1-b", 2) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        write("pixmesh-access.log", "lon-n1-b", 3);

        GapReport report = GapChecker.check(GapChecker.files(List.of(dir)), false);

        assertThat(report.boots()).singleElement().satisfies(boot -> {
            assertThat(boot.lines()).isEqualTo(3);
            assertThat(boot.missing()).isEmpty();
        });
    }

    @Test
    void linesWithoutAnIdAreCountedAsUnreadable() throws Exception {
        Files.writeString(dir.resolve("c.log"), line("lon-n1-b", 1) + "\n{\"id\":\"lon-n1-b-\ngarbage\n\n");

        GapReport report = GapChecker.check(List.of(dir.resolve("c.log")), false);

        assertThat(report.unreadable()).isEqualTo(3);
        assertThat(report.boots()).hasSize(1);
    }

    @Test
    void exitsOneAndNamesTheMissingIdsWhenThereIsAGap() throws Exception {
        write("c.log", "lon-n1-b", 1, 2, 6, 7, 9);

        assertThat(run(dir.resolve("c.log").toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("lon-n1-b: 5 lines, seq 1..9, 0 duplicates, 4 missing: 3-5, 8")
                .contains("1 boots, 0 duplicates, 0 unreadable lines, GAPS");
    }

    @Test
    void exitsZeroWithoutGaps() throws Exception {
        write("c.log", "lon-n1-b", 1, 2, 3, 3);

        assertThat(run(dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("lon-n1-b: 4 lines, seq 1..3, 1 duplicates, no gaps");
    }

    @Test
    void partialFilesAreCheckedFromTheirFirstLine() throws Exception {
        write("day.log", "lon-n1-b", 1000, 1001, 1002);

        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(run("--partial", dir.toString())).isZero();
    }

    @Test
    void exitsTwoOnBadUseOrAMissingFile() {
        assertThat(run()).isEqualTo(2);
        assertThat(run(dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("nope");
    }
}
