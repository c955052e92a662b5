package io.pixmesh.peer;

import io.pixmesh.store.StoreKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Another Pixmesh site, asked for images this site lacks.
 *
 * @param name the site's name, a token of lower-case letters, digits and {@code -}
 * @param base where its images live: an absolute http or https URI with a host, without
 *     query, fragment or trailing slash; an image's URI is this plus {@code /} and its key
 */
public record Peer(String name, URI base) {

    /** Characters a path segment may carry unencoded (RFC 3986 pchar less pct-encoded). */
    private static final String SEGMENT_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public Peer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
    }

    /**
     * The URI of {@code key}'s image at this peer. Each segment of the key is percent-encoded
     * as UTF-8 wherever RFC 3986 does not allow the character in a path segment, so the peer
     * decodes exactly the key back; the separators stay {@code /}.
     */
    public URI uriFor(StoreKey key) {
        StringBuilder uri = new StringBuilder(base.toString());
        for (String segment : key.value().split("/")) {
            uri.append('/');
            appendEncoded(uri, segment);
        }
        return URI.create(uri.toString());
    }

    private static void appendEncoded(StringBuilder out, String segment) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && SEGMENT_SAFE.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    @Override
    public String toString() {
        return name + "=" + base;
    }
}
