package io.pixmesh.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The field value of {@code If-Match} or {@code If-None-Match}: either {@code *} or a list of
 * entity tags (RFC 9110 §13.1.1, §13.1.2).
 *
 * <p>Parsing is lenient in one way only: members that are not valid entity tags are skipped, as
 * are empty list elements. So a field with no valid member is {@link #isEmpty() empty} and
 * matches nothing: an unparseable {@code If-Match} fails (412), an unparseable
 * {@code If-None-Match} never gives a 304. {@code *} means "any" only when it is the sole member
 * of the field; mixed with other members it is invalid and skipped. Tags are read one by one
 * rather than split on commas, because a comma is a legal character inside an opaque tag.
 *
 * <p>Instances are immutable. Matching assumes the caller has a current representation, which is
 * what {@code *} matches.
 */
public final class EntityTagList {

    private final boolean any;
    private final List<EntityTag> tags;

    private EntityTagList(boolean any, List<EntityTag> tags) {
        this.any = any;
        this.tags = List.copyOf(tags);
    }

    /**
     * Parses the lines of one header field, in the order received. A field received on several
     * lines means the same as one line joining them with commas (RFC 9110 §5.3).
     */
    public static EntityTagList parse(List<String> fieldLines) {
        Members members = new Members();
        for (String line : fieldLines) {
            members.read(line);
        }
        boolean any = members.stars == 1 && members.count == 1;
        return new EntityTagList(any, any ? List.of() : members.tags);
    }

    /** What the lines of one field hold, gathered member by member. */
    private static final class Members {
        final List<EntityTag> tags = new ArrayList<>();
        int stars;
        int count;

        void read(String line) {
            int n = line.length();
            int i = Ows.skip(line, 0, n);
            while (i < n) {
                if (line.charAt(i) == ',') {
                    i = Ows.skip(line, i + 1, n);
                    continue;
                }
                count++;
                boolean star = line.charAt(i) == '*';
                int end = star ? i + 1 : EntityTag.scan(line, i, n);
                int next = end < 0 ? n : Ows.skip(line, end, n);
                if (end < 0 || next < n && line.charAt(next) != ',') {
                    i = nextComma(line, i, n);
                    continue;
                }
                if (star) {
                    stars++;
                } else {
                    tags.add(EntityTag.at(line, i, end));
                }
                i = next;
            }
        }
    }

    /**
     * The next comma at or after {@code from} that is not inside quotes, or {@code n}. Unlike a
     * quoted-string, an entity tag has no escapes: a backslash is an ordinary etagc.
     */
    private static int nextComma(String s, int from, int n) {
        boolean quoted = false;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return n;
    }

    /** Whether the field was {@code *}, which matches any current representation. */
    public boolean isAny() {
        return any;
    }

    /** Whether the field holds neither {@code *} nor a valid entity tag, so matches nothing. */
    public boolean isEmpty() {
        return !any && tags.isEmpty();
    }

    /** The valid entity tags, in the order received; empty when {@link #isAny()}. */
    public List<EntityTag> tags() {
        return tags;
    }

    /** Whether the list is {@code *} or holds a tag that strongly matches {@code current}. */
    public boolean anyStrongMatch(EntityTag current) {
        if (any) {
            return true;
        }
        for (EntityTag tag : tags) {
            if (tag.strongMatch(current)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the list is {@code *} or holds a tag that weakly matches {@code current}. */
    public boolean anyWeakMatch(EntityTag current) {
        if (any) {
            return true;
        }
        for (EntityTag tag : tags) {
            if (tag.weakMatch(current)) {
                return true;
            }
        }
        return false;
    }
}
