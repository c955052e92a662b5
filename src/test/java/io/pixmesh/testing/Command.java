package io.pixmesh.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an outside program to completion (bounded) and keeps its exit code and output. */
public record Command(int exitCode, String output) {

    /** Runs {@code command} in {@code directory}, stdout and stderr together, for at most 60 s. */
    public static Command run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within 60 s");
        }
        return new Command(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
