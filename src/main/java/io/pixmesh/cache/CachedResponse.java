package io.pixmesh.cache;

import io.pixmesh.http.CacheDirectives;
import io.pixmesh.http.EntityTag;
import io.pixmesh.http.HttpDates;
import io.pixmesh.http.ResponseHeaders.Header;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.Validators;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stored answer of the origin to a GET: a full {@code 200} or a {@code 404}, with the header
 * fields the origin set, the whole body, when it was received, and when the origin last
 * confirmed it.
 *
 * <p>Guarantees: safe to share between threads, provided nobody writes into the body array (see
 * {@link #body()}). Everything is immutable except the time of the last validation, which a
 * {@code 304} that changes nothing else moves forward in place ({@link #revalidated}; see there
 * why), as does {@link ValidationTimes} for an instance read back from a lower tier. The stored fields never include
 * {@code Date}, {@code Content-Length}, {@code Age} or the hop-by-hop fields of RFC 9111 §3.1;
 * they are dropped on construction, since the cache computes or the container writes each of
 * them per answer. The validators and {@code Cache-Control} directives are read once, here,
 * from the stored fields; an invalid or absent {@code ETag} or {@code Last-Modified} reads as
 * absent.
 */
public final class CachedResponse {

    /** Fields a cache does not keep (RFC 9111 §3.1) or writes itself on every answer. */
    private static final Set<String> UNSTORED_FIELDS = Set.of(
            "age", "connection", "content-length", "date", "keep-alive", "proxy-authenticate",
            "proxy-authentication-info", "proxy-authorization", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade");

    private final int status;
    private final ResponseHeaders headers;
    private final byte[] body;
    private final long storedAtMillis;
    /** At least {@link #storedAtMillis}; only {@link #revalidated} changes it. */
    private volatile long validatedAtMillis;
    private final Optional<EntityTag> etag;
    private final Optional<Instant> lastModified;
    private final Optional<Validators> validators;
    private final CacheDirectives directives;

    private CachedResponse(int status, ResponseHeaders headers, byte[] body, long storedAtMillis) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.storedAtMillis = storedAtMillis;
        this.validatedAtMillis = storedAtMillis;
        this.etag = EntityTag.parse(headers.get("ETag"));
        this.lastModified = HttpDates.parse(
                headers.get("Last-Modified"), Instant.ofEpochMilli(storedAtMillis));
        this.validators = etag.isPresent() && lastModified.isPresent()
                ? Optional.of(new Validators(etag.get(), lastModified.get()))
                : Optional.empty();
        this.directives = CacheDirectives.parse(combined(headers, "Cache-Control"));
    }

    /**
     * A stored response. The body array is taken over, not copied: the caller must not write
     * into it afterwards.
     *
     * @param status {@code 200} or {@code 404}
     * @param headers the fields the origin set; unstored fields among them are dropped
     * @param storedAtMillis when the response was received, in epoch milliseconds
     * @throws IllegalArgumentException if {@code status} is neither {@code 200} nor {@code 404}
     */
    public static CachedResponse of(int status, ResponseHeaders headers, byte[] body,
            long storedAtMillis) {
        if (status != 200 && status != 404) {
            throw new IllegalArgumentException("only 200 and 404 are stored, not " + status);
        }
        Objects.requireNonNull(body, "body");
        return new CachedResponse(status, stored(headers), body, storedAtMillis);
    }

    /**
     * This response freshened by a {@code 304} to a conditional request (RFC 9111 §4.3.4):
     * validated at {@code nowMillis}, with each field the {@code 304} carries replacing every
     * stored field of that name (in the place of the first one), and the status and body
     * unchanged.
     *
     * <p>When the {@code 304} changes no stored field, which is what an unchanged image gives,
     * the result is this very instance, its validation time moved to {@code nowMillis}, and the
     * caller need not store it again. That is deliberate: storing it again in Ehcache rewrites the
     * whole entry, body included, to the disk tier and drops it from the heap tier, so the next
     * hits read it back from disk; for a popular image that would happen at every revalidation.
     * The tiers below the heap keep the time of the last full store; {@link ValidationTimes}
     * keeps the validation time beside them, for the instances they give back. Concurrent
     * revalidations may leave the earlier of two validation times, which is equally safe: one
     * more revalidation, never a stale answer served as fresh.
     *
     * <p>Empty when the {@code 304} is not about this response, and so must not update it:
     * its {@code ETag} does not match the stored one (strong comparison for a strong tag, weak
     * for a weak one); or it has no {@code ETag} and its {@code Last-Modified} differs from the
     * stored one; or it has neither validator while this response has one. The caller should
     * then fetch the full response.
     */
    public Optional<CachedResponse> revalidated(long nowMillis, ResponseHeaders notModified) {
        if (!describesThis(notModified)) {
            return Optional.empty();
        }
        ResponseHeaders merged = merged(headers, stored(notModified));
        if (merged.all().equals(headers.all())) {
            confirmedAt(nowMillis);
            return Optional.of(this);
        }
        return Optional.of(new CachedResponse(status, merged, body, nowMillis));
    }

    /**
     * Records that the origin confirmed this response at {@code millis}, unless a later
     * confirmation is already known. For {@link ValidationTimes}, which remembers confirmations
     * of responses the heap tier no longer holds.
     */
    void confirmedAt(long millis) {
        if (millis > validatedAtMillis) {
            validatedAtMillis = millis;
        }
    }

    /**
     * {@code stored} with every field named in {@code update} replaced by the update's values of
     * that name, written where the first stored field of that name was (at the end when none
     * was), so that an update repeating the stored values gives the stored list again.
     */
    private static ResponseHeaders merged(ResponseHeaders stored, ResponseHeaders update) {
        Set<String> replaced = update.all().stream()
                .map(header -> lowerCase(header.name()))
                .collect(Collectors.toSet());
        Set<String> written = new HashSet<>();
        ResponseHeaders.Builder merged = ResponseHeaders.builder();
        for (Header header : stored.all()) {
            String name = lowerCase(header.name());
            if (!replaced.contains(name)) {
                merged.add(header.name(), header.value());
            } else if (written.add(name)) {
                addAll(merged, update, name);
            }
        }
        for (Header header : update.all()) {
            String name = lowerCase(header.name());
            if (written.add(name)) {
                addAll(merged, update, name);
            }
        }
        return merged.build();
    }

    private static void addAll(ResponseHeaders.Builder target, ResponseHeaders source, String lowerCaseName) {
        for (Header header : source.all()) {
            if (lowerCase(header.name()).equals(lowerCaseName)) {
                target.add(header.name(), header.value());
            }
        }
    }

    private boolean describesThis(ResponseHeaders notModified) {
        Optional<EntityTag> sent = EntityTag.parse(notModified.get("ETag"));
        if (sent.isPresent()) {
            return etag.isPresent() && (sent.get().isWeak()
                    ? sent.get().weakMatch(etag.get())
                    : sent.get().strongMatch(etag.get()));
        }
        Optional<Instant> sentModified = HttpDates.parse(notModified.get("Last-Modified"));
        if (sentModified.isPresent()) {
            return sentModified.equals(lastModified);
        }
        return etag.isEmpty() && lastModified.isEmpty();
    }

    /** {@code 200} or {@code 404}. */
    public int status() {
        return status;
    }

    /** The stored header fields, in the order the origin set them. */
    public ResponseHeaders headers() {
        return headers;
    }

    /**
     * The whole body, not a copy: answering from the cache must not copy an image per request.
     * Callers must never write into the returned array; every reader shares it.
     */
    public byte[] body() {
        return body;
    }

    /** When the response was received, or last stored after a {@code 304}, in epoch milliseconds. */
    public long storedAtMillis() {
        return storedAtMillis;
    }

    /**
     * When the origin last confirmed this response, in epoch milliseconds: its freshness and
     * {@code Age} count from here. At least {@link #storedAtMillis()}.
     */
    public long validatedAtMillis() {
        return validatedAtMillis;
    }

    /** The stored {@code ETag}. */
    public Optional<EntityTag> etag() {
        return etag;
    }

    /** The stored {@code Last-Modified}. */
    public Optional<Instant> lastModified() {
        return lastModified;
    }

    /** The entity tag and last modification, present when both are. */
    public Optional<Validators> validators() {
        return validators;
    }

    /** The stored {@code Cache-Control}, all its field lines read as one list. */
    public CacheDirectives directives() {
        return directives;
    }

    /**
     * Equal status, storage time, header fields in order, and body bytes; the validation time,
     * which changes in place, is left out.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CachedResponse)) {
            return false;
        }
        CachedResponse other = (CachedResponse) o;
        return status == other.status && storedAtMillis == other.storedAtMillis
                && headers.all().equals(other.headers.all()) && Arrays.equals(body, other.body);
    }

    /** Leaves the body out, so hashing never walks an image. */
    @Override
    public int hashCode() {
        return Objects.hash(status, storedAtMillis, headers.all());
    }

    @Override
    public String toString() {
        return "CachedResponse[" + status + ", " + body.length + " bytes, stored at "
                + Instant.ofEpochMilli(storedAtMillis) + "]";
    }

    private static ResponseHeaders stored(ResponseHeaders headers) {
        ResponseHeaders.Builder kept = ResponseHeaders.builder();
        headers.forEach((name, value) -> {
            if (!UNSTORED_FIELDS.contains(lowerCase(name))) {
                kept.add(name, value);
            }
        });
        return kept.build();
    }

    /** Every value of {@code name}, joined as RFC 9110 §5.3 allows for a list field. */
    private static String combined(ResponseHeaders headers, String name) {
        return headers.all().stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .collect(Collectors.joining(", "));
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
