package io.pixmesh.cache;

import io.pixmesh.http.ResponseHeaders;

/** What one trip down the chain to the origin brought back. */
sealed interface OriginAnswer {

    /** The status the origin answered with, for {@code Cache-Status: fwd-status}. */
    int status();

    /** A {@code 200} or {@code 404} the cache may keep. */
    record Storable(CachedResponse response) implements OriginAnswer {
        @Override
        public int status() {
            return response.status();
        }
    }

    /** {@code 304}: the stored response is still current; these fields update it. */
    record NotModified(ResponseHeaders fields) implements OriginAnswer {
        @Override
        public int status() {
            return 304;
        }
    }

    /** An answer larger than the cache keeps: the origin must answer the client itself. */
    record TooLarge(int status) implements OriginAnswer {
    }

    /**
     * Anything else (an error, a status the cache does not keep, an answer forbidding storage),
     * to be passed on to the client as it came. The body is never modified.
     */
    record Passed(int status, ResponseHeaders fields, byte[] body) implements OriginAnswer {
    }
}
