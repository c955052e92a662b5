package io.pixmesh.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every setting Pixmesh runs with, typed and validated. Built only by {@link ConfigReader}, so
 * an instance always holds values that passed every check.
 *
 * @param site                 this site's name ({@code pixmesh.site}), a token
 * @param node                 this node's name within the site ({@code pixmesh.node}), a token
 * @param storeDir             the site's image directory ({@code pixmesh.store.dir}), readable
 * @param cacheDir             private, writable state: digest index, cache tiers ({@code pixmesh.cache.dir})
 * @param cacheControl         Cache-Control for ordinary images ({@code pixmesh.cacheControl.default})
 * @param immutablePattern     file names that carry a content fingerprint ({@code pixmesh.cacheControl.immutablePattern})
 * @param negativeTtlSeconds   how long a 404 may be cached downstream ({@code pixmesh.negativeTtlSeconds})
 * @param sendfileMinBytes     files at least this large go out through sendfile ({@code pixmesh.sendfileMinKB})
 * @param cache                the in-process cache's settings
 * @param adminToken           bearer token of the admin API, empty when it is off ({@code pixmesh.admin.token})
 * @param drainFile            while this file exists the node reports itself draining ({@code pixmesh.drainFile})
 * @param peer                 how this node fills from peer sites
 * @param trustedProxies       proxies whose {@code X-Forwarded-For} the access log believes ({@code pixmesh.log.trustedProxies})
 */
public record PixmeshConfig(
        String site,
        String node,
        Path storeDir,
        Path cacheDir,
        String cacheControl,
        Pattern immutablePattern,
        int negativeTtlSeconds,
        long sendfileMinBytes,
        CacheSettings cache,
        String adminToken,
        Optional<Path> drainFile,
        PeerSettings peer,
        List<AddressBlock> trustedProxies) {
}
