package io.pixmesh.cache;

import io.pixmesh.http.ConditionalHeaders;
import io.pixmesh.http.ResponseHeaders;
import io.pixmesh.http.ResponsePlan;
import io.pixmesh.http.Validators;
import io.pixmesh.web.Conditions;
import io.pixmesh.web.PlannedAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Answers a client from a stored response, with the same rules as the origin ({@link PlannedAnswer}):
 * conditional and range requests are decided here, from the stored validators and body, so a
 * stored image answers {@code 200}, {@code 206}, {@code 304}, {@code 412} or {@code 416} exactly
 * as the servlet would. Every answer carries {@code Age} and {@code Cache-Status}.
 */
final class StoredAnswer {

    /** {@code Age} values up to this many seconds are made once; hits are rarely older. */
    private static final int CACHED_AGES = 1024;
    private static final String[] AGES = new String[CACHED_AGES];

    static {
        for (int age = 0; age < CACHED_AGES; age++) {
            AGES[age] = Integer.toString(age);
        }
    }

    private StoredAnswer() {
    }

    /** @param sent told how many body bytes went out, for the metrics */
    static void send(HttpServletRequest request, HttpServletResponse response, CachedResponse stored,
            CacheStatus status, long nowMillis, LongConsumer sent) throws IOException {
        ResponseHeaders extra = ResponseHeaders.of(
                "Age", age(Freshness.ageSeconds(stored, nowMillis)), CacheStatus.FIELD_NAME, status.value());
        Optional<Validators> validators = stored.validators();
        String mediaType = stored.headers().get("Content-Type");
        if (stored.status() == HttpServletResponse.SC_OK && validators.isPresent() && mediaType != null) {
            byte[] body = stored.body();
            ConditionalHeaders conditions = Conditions.of(request);
            ResponsePlan plan = ResponsePlan.decide(conditions, validators.get(), body.length);
            new PlannedAnswer(stored.headers(), body.length, mediaType, new BytesEntity(body, sent))
                    .send(request, response, plan, extra);
        } else {
            // A stored 404 (or an answer without validators) is sent as it came: the origin
            // evaluates no preconditions for what does not exist, so neither do we.
            send(request, response, stored.status(), stored.headers().plus(extra), stored.body());
            sent.accept(stored.body().length);
        }
    }

    private static String age(long seconds) {
        return seconds < CACHED_AGES ? AGES[(int) seconds] : Long.toString(seconds);
    }

    /** Sends an answer exactly as given: status, fields, body (none for HEAD). */
    static void send(HttpServletRequest request, HttpServletResponse response, int status,
            ResponseHeaders fields, byte[] body) throws IOException {
        response.setStatus(status);
        fields.forEach(response::setHeader);
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
