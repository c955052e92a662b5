package io.pixmesh.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node asks to be taken out of rotation. Two independent ways in, either one
 * drains: the admin API (in memory, gone at restart) and a file named by
 * {@code pixmesh.drainFile} (survives restarts, and can drain every node of a site from one
 * configuration-management change or a shared mount).
 */
public final class DrainSwitch {

    private final AtomicBoolean drained = new AtomicBoolean();
    private final Optional<Path> drainFile;

    public DrainSwitch(Optional<Path> drainFile) {
        this.drainFile = drainFile;
    }

    public void drain() {
        drained.set(true);
    }

    public void undrain() {
        drained.set(false);
    }

    /** One {@code stat} at most: cheap enough for every health probe. */
    public boolean isDrained() {
        return drained.get() || drainFile.map(Files::exists).orElse(false);
    }
}
