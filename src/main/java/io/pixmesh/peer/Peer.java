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
        return URI.create(base + pathFor(key));
    }

    /**
     * The part of {@link #uriFor} after the base: {@code /} and each segment of the key,
     * percent-encoded. This, not the whole path, is what a peer credential signs, since it is
     * what the receiving node sees after its own context path, whatever proxies in between
     * call that prefix.
     */
    public static String pathFor(StoreKey key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.value().split("/")) {
            path.append('/');
            appendEncoded(path, segment);
        }
        return path.toString();
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
