package io.pixmesh.logging;

import java.util.random.RandomGenerator;

/**
 * Names one start of a node, so that request ids never repeat across restarts although their
 * sequence numbers start again at 1: the start time in milliseconds in base 36 (so boots sort by
 * start), then four random base-36 characters (so two starts within one millisecond still
 * differ). Lower-case letters and digits only: it sits between dashes in an id.
 */
public record BootId(String value) {

    private static final int RANDOM_CHARS = 4;

    public BootId {
        if (!value.matches("[0-9a-z]+")) {
            throw new IllegalArgumentException("boot id '" + value + "' is not lower-case letters and digits");
        }
    }

    /** A boot id for a start at {@code epochMillis}. */
    public static BootId at(long epochMillis, RandomGenerator random) {
        StringBuilder value = new StringBuilder(Long.toString(epochMillis, 36));
        for (int i = 0; i < RANDOM_CHARS; i++) {
            value.append(Character.forDigit(random.nextInt(36), 36));
        }
        return new BootId(value.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
