package io.pixmesh.store;

import java.util.Optional;

/**
 * The rules one decoded path segment must pass before it may name something in the store.
 * The same rules guard keys parsed from requests and keys built by other code, so a
 * {@link StoreKey} is safe to resolve however it was made.
 */
final class Segments {

    private Segments() {
    }

    /**
     * Says why {@code segment} may not be part of a store key, or nothing if it may.
     *
     * @param segment one decoded segment, without separators
     * @param first whether it is the first segment of the path
     */
    static Optional<String> refusal(String segment, boolean first) {
        if (segment.isEmpty()) {
            return Optional.of("empty segment");
        }
        Optional<String> character = refusedCharacter(segment);
        if (character.isPresent()) {
            return character;
        }
        if (segment.equals(".") || segment.equals("..")) {
            return Optional.of("dot segment");
        }
        if (segment.charAt(0) == '.') {
            // Hidden names are never served: they hold tools' state (.git) and our own
            // half-written temp files.
            return Optional.of("hidden name");
        }
        if (first && segment.equals("-")) {
            return Optional.of("/-/ is reserved for operational endpoints");
        }
        if (segment.equalsIgnoreCase("WEB-INF") || segment.equalsIgnoreCase("META-INF")) {
            return Optional.of("reserved name " + segment);
        }
        return Optional.empty();
    }

    private static Optional<String> refusedCharacter(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/') {
                return Optional.of("encoded slash");
            }
            if (c == '\\') {
                return Optional.of("backslash");
            }
            if (c == '%') {
                // A name holding '%' is what double encoding leaves behind (%252e -> %2e).
                // We decode once, but a proxy, peer or script further along might decode
                // again; refusing such names means no second decoding can ever change
                // which file a key names.
                return Optional.of("percent sign in name");
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return Optional.of("control character");
            }
        }
        return Optional.empty();
    }
}
