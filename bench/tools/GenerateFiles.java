import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's image files, the same bytes on every run and every machine:
 *
 * <pre>
 *   h/12k.jpg h/48k.jpg h/1m.jpg     the cache-hit files (12 KiB, 48 KiB, 1 MiB)
 *   big/20m.jpg                      the sendfile file (20 MiB)
 *   z/DD/NNNNN.jpg                   the Zipf set: 10,000 files, sizes log-uniform 4..128 KiB
 *   cold/DDD/NNNNNN.jpg              cold keys for peer fills: per directory DDD, 1,000 hard
 *                                    links to one 12 KiB file cold-src/DDD.jpg (links are cheap;
 *                                    a file system allows only so many links to one file)
 * </pre>
 *
 * Every file's mtime is fixed (2024-01-01T00:00:00Z), so mtime-based ETags (nginx, Tomcat's
 * DefaultServlet) are stable too. Also writes {@code zipf-sizes.txt} (index, size) and
 * {@code zipf-paths.txt} (one path a line, for priming). Usage:
 * {@code java GenerateFiles.java <dir> <zipfFiles> <coldKeys>}.
 */
public final class GenerateFiles {

    static final FileTime MTIME = FileTime.fromMillis(1_704_067_200_000L);
    static final int MIN_ZIPF = 4 * 1024;
    static final int MAX_ZIPF = 128 * 1024;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int zipfFiles = Integer.parseInt(args[1]);
        int coldKeys = Integer.parseInt(args[2]);
        write(dir.resolve("h/12k.jpg"), 12 * 1024, 12);
        write(dir.resolve("h/48k.jpg"), 48 * 1024, 48);
        write(dir.resolve("h/1m.jpg"), 1024 * 1024, 1024);
        write(dir.resolve("big/20m.jpg"), 20 * 1024 * 1024, 20480);
        List<String> sizes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        double lnMin = Math.log(MIN_ZIPF);
        double lnMax = Math.log(MAX_ZIPF);
        for (int i = 0; i < zipfFiles; i++) {
            String name = zipfPath(i);
            int size = (int) Math.round(Math.exp(lnMin + new SplittableRandom(1_000_003L * i + 7).nextDouble() * (lnMax - lnMin)));
            write(dir.resolve(name), size, 100_000L + i);
            sizes.add(i + "\t" + size);
            paths.add("/" + name);
        }
        Files.write(dir.resolve("zipf-sizes.txt"), sizes);
        Files.write(dir.resolve("zipf-paths.txt"), paths);
        for (int i = 0; i < coldKeys; i++) {
            Path source = dir.resolve(String.format("cold-src/%03d.jpg", i / 1000));
            if (i % 1000 == 0) {
                write(source, 12 * 1024, 900_000_000L + i / 1000);
            }
            Path link = dir.resolve(String.format("cold/%03d/%06d.jpg", i / 1000, i));
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createLink(link, source);
        }
    }

    static String zipfPath(int i) {
        return String.format("z/%02d/%05d.jpg", i / 100, i);
    }

    /** {@code size} bytes that look like a JPEG's start, then pseudo-random from {@code seed}. */
    static void write(Path file, int size, long seed) {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[size];
            new SplittableRandom(seed).nextBytes(bytes);
            bytes[0] = (byte) 0xFF;
            bytes[1] = (byte) 0xD8;
            bytes[2] = (byte) 0xFF;
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(bytes);
            }
            Files.setLastModifiedTime(file, MTIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
