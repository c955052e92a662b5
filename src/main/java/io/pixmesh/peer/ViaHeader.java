package io.pixmesh.peer;

import java.util.Locale;

/**
 * Reads the {@code Via} field (RFC 9110 §7.6.3) for the one question peering asks of it: did
 * this request already pass through a given node? Pixmesh names itself {@code <site>.<node>}
 * as the received-by pseudonym.
 */
public final class ViaHeader {

    private ViaHeader() {
    }

    /** The member Pixmesh adds for {@code self}: {@code 1.1 <site>.<node>}. */
    public static String member(String self) {
        return "1.1 " + self;
    }

    /**
     * Whether any member of {@code fieldValue} (comma-separated, possibly with comments) was
     * received by {@code self}; null or empty means no.
     */
    public static boolean names(String fieldValue, String self) {
        if (fieldValue == null || fieldValue.isBlank()) {
            return false;
        }
        String wanted = self.toLowerCase(Locale.ROOT);
        for (String member : fieldValue.split(",")) {
            String[] parts = member.trim().split("\\s+");
            // protocol received-by [comment]: the received-by is the second word
            if (parts.length >= 2 && parts[1].toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
