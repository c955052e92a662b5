package io.pixmesh.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixmesh.http.ResponseHeaders;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
import org.ehcache.spi.serialization.SerializerException;
import org.junit.jupiter.api.Test;

class CachedResponseSerializerTest {

    private final CachedResponseSerializer serializer = new CachedResponseSerializer();

    @Test
    void readGivesBackAnEqualResponse() {
        CachedResponse image = image(randomBytes(10_000));

        CachedResponse read = serializer.read(serializer.serialize(image));

        assertThat(read).isEqualTo(image);
        assertThat(read.headers().all()).isEqualTo(image.headers().all());
        assertThat(read.etag()).isEqualTo(image.etag());
    }

    @Test
    void readGivesBackA404WithoutFieldsOrBody() {
        CachedResponse notFound =
                CachedResponse.of(404, ResponseHeaders.builder().build(), new byte[0], 42);

        assertThat(serializer.read(serializer.serialize(notFound))).isEqualTo(notFound);
    }

    @Test
    void readsFromPositionToLimitOfADirectBuffer() {
        CachedResponse image = image(randomBytes(100));
        ByteBuffer record = serializer.serialize(image);
        ByteBuffer direct = ByteBuffer.allocateDirect(record.remaining() + 20);
        direct.position(7);
        direct.put(record).flip().position(7);

        assertThat(serializer.read(direct)).isEqualTo(image);
        assertThat(direct.position()).isEqualTo(direct.limit());
    }

    @Test
    void everyDamagedByteIsRefused() {
        byte[] record = bytes(serializer.serialize(image(randomBytes(64))));
        for (int i = 0; i < record.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] damaged = record.clone();
                damaged[i] ^= (byte) flip;

                assertThatThrownBy(() -> serializer.read(ByteBuffer.wrap(damaged)))
                        .as("byte %d xor %x", i, flip)
                        .isInstanceOf(SerializerException.class);
            }
        }
    }

    @Test
    void everyTruncatedRecordIsRefused() {
        byte[] record = bytes(serializer.serialize(image(randomBytes(64))));
        for (int length = 0; length < record.length; length++) {
            ByteBuffer truncated = ByteBuffer.wrap(record, 0, length);

            assertThatThrownBy(() -> serializer.read(truncated))
                    .as("first %d bytes", length)
                    .isInstanceOf(SerializerException.class);
        }
    }

    @Test
    void aRecordWithTrailingBytesIsRefused() {
        byte[] record = bytes(serializer.serialize(image(randomBytes(64))));
        ByteBuffer longer = ByteBuffer.allocate(record.length + 4).put(record).putInt(0).flip();

        assertThatThrownBy(() -> serializer.read(longer))
                .isInstanceOf(SerializerException.class);
    }

    @Test
    void anUnknownFormatIsRefusedEvenWithAValidChecksum() {
        byte[] record = bytes(serializer.serialize(image(randomBytes(8))));
        record[0] = CachedResponseSerializer.FORMAT_1 + 1;

        assertThatThrownBy(() -> serializer.read(resealed(record)))
                .isInstanceOf(SerializerException.class)
                .hasMessageContaining("format");
    }

    @Test
    void anUnstorableStatusIsRefusedEvenWithAValidChecksum() {
        byte[] record = bytes(serializer.serialize(image(randomBytes(8))));
        ByteBuffer.wrap(record).putShort(1, (short) 500);

        assertThatThrownBy(() -> serializer.read(resealed(record)))
                .isInstanceOf(SerializerException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void invalidUtf8IsRefusedEvenWithAValidChecksum() {
        CachedResponse oneField = CachedResponse.of(200,
                ResponseHeaders.builder().add("X", "a").build(), new byte[0], 0);
        byte[] record = bytes(serializer.serialize(oneField));
        // Format 1, status 2, time 8, count 4, name length 4, "X" 1, value length 4: then "a".
        record[24] = (byte) 0xC3;

        assertThatThrownBy(() -> serializer.read(resealed(record)))
                .isInstanceOf(SerializerException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void aHeaderCountBeyondTheRecordIsRefusedEvenWithAValidChecksum() {
        byte[] record = bytes(serializer.serialize(image(randomBytes(8))));
        ByteBuffer.wrap(record).putInt(11, Integer.MAX_VALUE);

        assertThatThrownBy(() -> serializer.read(resealed(record)))
                .isInstanceOf(SerializerException.class)
                .hasMessageContaining("header count");
    }

    @Test
    void equalsComparesAResponseWithARecord() {
        CachedResponse image = image(randomBytes(32));
        ByteBuffer record = serializer.serialize(image);

        assertThat(serializer.equals(image, record.duplicate())).isTrue();
        assertThat(serializer.equals(image(new byte[32]), record.duplicate())).isFalse();
    }

    private static CachedResponse image(byte[] body) {
        ResponseHeaders headers = ResponseHeaders.builder()
                .add("Content-Type", "image/png")
                .add("ETag", "\"q0YyPvbmaQ6VbvmYsJ3s8A\"")
                .add("Last-Modified", "Fri, 01 Mar 2024 10:00:00 GMT")
                .add("Cache-Control", "public, max-age=86400")
                .add("X-Note", "grüße, 日本")
                .build();
        return CachedResponse.of(200, headers, body, 1_700_000_000_123L);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The record with its checksum recomputed, so only the content checks can refuse it. */
    private static ByteBuffer resealed(byte[] record) {
        CRC32 crc = new CRC32();
        crc.update(record, 0, record.length - 4);
        ByteBuffer buffer = ByteBuffer.wrap(record);
        buffer.putInt(record.length - 4, (int) crc.getValue());
        return buffer;
    }
}
