package io.pixmesh.cache;

import io.pixmesh.http.ResponseHeaders.Header;
import io.pixmesh.http.ResponseHeaders;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/**
 * The binary form of a {@link CachedResponse} in Ehcache's off-heap and disk tiers.
 *
 * <p>A record is, in order (integers big-endian): a format byte ({@value #FORMAT_1}); the
 * status (2 bytes); the storage time in epoch milliseconds (8); the number of header fields
 * (4), then for each its name and its value, each as a length (4) and UTF-8 bytes; the body
 * length (4) and the body; and last a CRC32 (4) of every byte before it.
 *
 * <p>Guarantees: {@link #read} gives back a response equal to the one serialized, or throws
 * {@link SerializerException}; it never returns a response built from a damaged record. The
 * checksum catches every corruption of up to 32 consecutive bits, so every damaged byte, and a
 * record that is cut short or carries extra bytes is refused too. Stateless and thread-safe.
 */
public final class CachedResponseSerializer implements Serializer<CachedResponse> {

    /** The only format so far; a later one takes another value so old records read as bad. */
    static final byte FORMAT_1 = 0x51;

    /** Format, status, storage time, header count, body length, checksum. */
    private static final int FIXED_BYTES = 1 + 2 + 8 + 4 + 4 + 4;
    private static final int CRC_BYTES = 4;

    @Override
    public ByteBuffer serialize(CachedResponse response) {
        List<byte[]> fields = new ArrayList<>();
        int size = FIXED_BYTES + response.body().length;
        for (Header header : response.headers().all()) {
            byte[] name = header.name().getBytes(StandardCharsets.UTF_8);
            byte[] value = header.value().getBytes(StandardCharsets.UTF_8);
            fields.add(name);
            fields.add(value);
            size += 8 + name.length + value.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_1).putShort((short) response.status()).putLong(response.storedAtMillis());
        out.putInt(fields.size() / 2);
        for (byte[] field : fields) {
            out.putInt(field.length).put(field);
        }
        out.putInt(response.body().length).put(response.body());
        out.putInt(crcOf(out.duplicate().flip()));
        return out.flip();
    }

    /**
     * Reads the record from the buffer's position to its limit, leaving the position at the
     * limit.
     *
     * @throws SerializerException if the record is damaged, cut short, or not in this format
     */
    @Override
    public CachedResponse read(ByteBuffer record) {
        if (record.remaining() < FIXED_BYTES) {
            throw new SerializerException("cached response record too short: "
                    + record.remaining() + " bytes");
        }
        // Duplicates are big-endian whatever order the caller's buffer is in.
        ByteBuffer content = record.duplicate();
        int crc = content.getInt(record.limit() - CRC_BYTES);
        content.limit(record.limit() - CRC_BYTES);
        if (crcOf(content.duplicate()) != crc) {
            throw new SerializerException("cached response record fails its checksum");
        }
        try {
            CachedResponse response = parse(content);
            if (content.hasRemaining()) {
                throw new SerializerException("cached response record has trailing bytes");
            }
            record.position(record.limit());
            return response;
        } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            throw new SerializerException("cached response record is malformed", e);
        }
    }

    /** Whether {@code binary} is the record of a response equal to {@code response}. */
    @Override
    public boolean equals(CachedResponse response, ByteBuffer binary) {
        return response.equals(read(binary));
    }

    private static CachedResponse parse(ByteBuffer in) throws CharacterCodingException {
        byte format = in.get();
        if (format != FORMAT_1) {
            throw new SerializerException("unknown cached response format " + format);
        }
        int status = Short.toUnsignedInt(in.getShort());
        long storedAtMillis = in.getLong();
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 8) {
            throw new SerializerException("impossible header count " + count);
        }
        ResponseHeaders.Builder headers = ResponseHeaders.builder();
        for (int i = 0; i < count; i++) {
            headers.add(text(in), text(in));
        }
        byte[] body = new byte[length(in)];
        in.get(body);
        return CachedResponse.of(status, headers.build(), body, storedAtMillis);
    }

    private static String text(ByteBuffer in) throws CharacterCodingException {
        int length = length(in);
        ByteBuffer bytes = in.slice().limit(length);
        in.position(in.position() + length);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes)
                .toString();
    }

    /** Reads a length and checks that that many bytes follow. */
    private static int length(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new SerializerException("impossible length " + length);
        }
        return length;
    }

    private static int crcOf(ByteBuffer bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
