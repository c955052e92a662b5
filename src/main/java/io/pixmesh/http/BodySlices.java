package io.pixmesh.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Access to the bytes of one representation, slice by slice, for writing a partial answer
 * without knowing where the bytes live (a file channel, a cached array).
 */
@FunctionalInterface
public interface BodySlices {

    /**
     * Writes exactly {@code length} bytes of the representation, starting at position
     * {@code offset}, to {@code out}.
     */
    void write(OutputStream out, long offset, long length) throws IOException;

    /** Slices of a representation held in memory; the array is used, not copied. */
    static BodySlices of(byte[] body) {
        return (out, offset, length) ->
                out.write(body, Math.toIntExact(offset), Math.toIntExact(length));
    }
}
