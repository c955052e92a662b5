package io.pixmesh.peer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The peer sites this site asks, in the order it asks them (nearest first), as read from the
 * setting {@code pixmesh.peers}: comma-separated {@code name=baseUrl} pairs.
 *
 * <p>Immutable. Names are unique; every base is an absolute http or https URI with a host,
 * no user info, query or fragment, and no trailing slash.
 */
public final class PeerList {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final List<Peer> peers;

    private PeerList(List<Peer> peers) {
        this.peers = List.copyOf(peers);
    }

    /**
     * Reads a list such as {@code lon=http://10.1.0.5:8080/images, nyc=http://10.2.0.5:8080/images}.
     * Spaces around pairs, names and URLs are ignored; an empty or blank value means no peers.
     *
     * @throws IllegalArgumentException naming the first bad pair and what is wrong with it
     */
    public static PeerList parse(String setting) {
        if (setting.isBlank()) {
            return new PeerList(List.of());
        }
        List<Peer> peers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String pair : setting.split(",", -1)) {
            Peer peer = peer(pair.trim());
            if (!names.add(peer.name())) {
                throw bad(pair, "the name " + peer.name() + " is used twice");
            }
            peers.add(peer);
        }
        return new PeerList(peers);
    }

    /** The peers, nearest first. */
    public List<Peer> peers() {
        return peers;
    }

    public boolean isEmpty() {
        return peers.isEmpty();
    }

    @Override
    public String toString() {
        return peers.toString();
    }

    private static Peer peer(String pair) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
            throw bad(pair, "expected name=baseUrl");
        }
        String name = pair.substring(0, equals).trim();
        if (!NAME.matcher(name).matches()) {
            throw bad(pair, "the name must be 1 to 32 lower-case letters, digits and '-', starting with a letter or digit");
        }
        return new Peer(name, base(pair, pair.substring(equals + 1).trim()));
    }

    private static URI base(String pair, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(pair, "not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(pair, "the URL must be absolute, http or https");
        }
        if (uri.getHost() == null) {
            throw bad(pair, "the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in a setting end up in logs; peers authenticate with pixmesh.peer.secret.
            throw bad(pair, "the URL must not carry user info");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(pair, "the URL must have no query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String authority = uri.getRawAuthority();
        return URI.create(scheme + "://" + authority + path.substring(0, end));
    }

    private static IllegalArgumentException bad(String pair, String problem) {
        return new IllegalArgumentException("pixmesh.peers: '" + pair.trim() + "': " + problem);
    }
}
