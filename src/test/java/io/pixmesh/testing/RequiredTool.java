package io.pixmesh.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Outside programs some tests need (gdnsd, ExaBGP, rsyslogd). Where one is missing the test is
 * skipped with a message saying what to install; with {@code -Dpixmesh.require.tools=true}
 * (set by {@code .ci/run}, which installs them) it fails instead, so CI can never pass by
 * skipping.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** Returns {@code program}, or skips (or fails) the calling test when it is not installed. */
    public static Path require(Path program, String debianPackage) {
        if (Files.isExecutable(program)) {
            return program;
        }
        String message = program + " is missing: install the Debian package '" + debianPackage + "' to run this test";
        if (Boolean.getBoolean("pixmesh.require.tools")) {
            fail(message + " (required: -Dpixmesh.require.tools=true)");
        }
        assumeTrue(false, message);
        return program;
    }
}
