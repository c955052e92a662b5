package io.pixmesh.serve;

import io.pixmesh.http.BodySlices;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies byte ranges of one open file to a response stream, for answers that do not go out
 * through sendfile (small files, multipart ranges). Positional reads leave the channel's
 * position alone, so one open file serves every part of a multipart answer.
 */
final class FileBody implements BodySlices, AutoCloseable {

    private static final int BUFFER_BYTES = 32 * 1024;

    private final FileChannel channel;
    private final byte[] buffer = new byte[BUFFER_BYTES];

    private FileBody(FileChannel channel) {
        this.channel = channel;
    }

    static FileBody open(Path file) throws IOException {
        return new FileBody(FileChannel.open(file, StandardOpenOption.READ));
    }

    @Override
    public void write(OutputStream out, long offset, long length) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long position = offset;
        long remaining = length;
        while (remaining > 0) {
            wrapped.clear().limit((int) Math.min(buffer.length, remaining));
            int read = channel.read(wrapped, position);
            if (read < 0) {
                throw new IOException("file shrank while being sent");
            }
            out.write(buffer, 0, read);
            position += read;
            remaining -= read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
