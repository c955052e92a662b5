package io.pixmesh.serve;

import io.pixmesh.http.CacheControlPolicy;
import io.pixmesh.http.EntityTag;
import io.pixmesh.http.HttpDates;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.Validators;
import io.pixmesh.store.StoredImage;

/**
 * The response headers of an image, derived from its content and name only, so that every node
 * at every site sends the same validators and policy for the same bytes.
 */
final class ImageHeaders {

    /** Bytes of the SHA-256 in the entity tag: 128 bits, far beyond any chance of collision. */
    private static final int ETAG_DIGEST_BYTES = 16;

    /** SVG may carry script; sandboxed, it can never run with our origin's rights. */
    private static final String SVG_POLICY = "sandbox";

    private final CacheControlPolicy cacheControl;

    ImageHeaders(CacheControlPolicy cacheControl) {
        this.cacheControl = cacheControl;
    }

    /** The strong entity tag of {@code image}: base64url of the first 16 bytes of its SHA-256. */
    static EntityTag etagOf(StoredImage image) {
        return EntityTag.strong(image.digest().base64UrlPrefix(ETAG_DIGEST_BYTES));
    }

    static Validators validatorsOf(StoredImage image) {
        return new Validators(etagOf(image), image.lastModified());
    }

    /** The fields of a {@code 200} for {@code image} served as {@code mediaType}. */
    ResponseHeaders of(StoredImage image, String mediaType) {
        ResponseHeaders.Builder headers = ResponseHeaders.builder()
                .add("Content-Type", mediaType)
                .add("ETag", etagOf(image).toString())
                .add("Last-Modified", HttpDates.format(image.lastModified()))
                .add("Cache-Control", cacheControl.forImage(image.key().value()))
                .add("Repr-Digest", "sha-256=:" + image.digest().base64() + ":")
                .add("Accept-Ranges", "bytes")
                .add("X-Content-Type-Options", "nosniff");
        if (mediaType.equals("image/svg+xml")) {
            headers.add("Content-Security-Policy", SVG_POLICY);
        }
        return headers.build();
    }
}
