package io.pixmesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestPathsTest {

    static Stream<Arguments> validPaths() {
        return Stream.of(
                arguments("/a.png", "a.png"),
                arguments("/a/b/c.png", "a/b/c.png"),
                arguments("/a/b%20c.png", "a/b c.png"),
                arguments("/caf%C3%A9.png", "café.png"),
                arguments("/caf%c3%a9.png", "café.png"),
                arguments("/%E6%97%A5%E6%9C%AC/%F0%9F%98%80.jpg", "日本/😀.jpg"),
                arguments("/a+b.png", "a+b.png"),
                arguments("/a%3Bb.png", "a;b.png"),
                arguments("/a..b.png", "a..b.png"),
                arguments("/a/-/b.png", "a/-/b.png"),
                arguments("/-a.png", "-a.png"),
                arguments("/web-inf.png", "web-inf.png"),
                arguments("/a%41.png", "aA.png"));
    }

    static Stream<Arguments> malformedPaths() {
        return Stream.of(
                arguments("a.png", "does not start with /"),
                arguments("/a%zz.png", "two hex digits"),
                arguments("/a%g1.png", "two hex digits"),
                arguments("/a%4", "truncated"),
                arguments("/a%", "truncated"),
                arguments("/a%4/b.png", "truncated"),
                arguments("/a%\u0664\u0661.png", "two hex digits"),
                arguments("/café.png", "non-ASCII"),
                arguments("/%c0%ae%c0%ae/x", "UTF-8"),
                arguments("/..%c0%afetc", "UTF-8"),
                arguments("/%ff.png", "UTF-8"),
                arguments("/%e2%82.png", "UTF-8"),
                arguments("/%ed%a0%80.png", "UTF-8"),
                arguments("/-/%zz", "two hex digits"));
    }

    static Stream<Arguments> refusedPaths() {
        return Stream.of(
                arguments("", "not listed"),
                arguments("/", "not listed"),
                arguments("/a/", "trailing slash"),
                arguments("/a.png/", "trailing slash"),
                arguments("//a.png", "empty segment"),
                arguments("/a//b.png", "empty segment"),
                arguments("/.", "dot segment"),
                arguments("/..", "dot segment"),
                arguments("/a/../b.png", "dot segment"),
                arguments("/a/./b.png", "dot segment"),
                arguments("/%2e%2e/etc/passwd", "dot segment"),
                arguments("/%2E%2E/etc/passwd", "dot segment"),
                arguments("/a/%2e/b.png", "dot segment"),
                arguments("/..%2fetc%2fpasswd", "encoded slash"),
                arguments("/a%2fb.png", "encoded slash"),
                arguments("/a%2Fb.png", "encoded slash"),
                arguments("/a%5cb.png", "backslash"),
                arguments("/a%5Cb.png", "backslash"),
                arguments("/a\\b.png", "backslash"),
                arguments("/..\\etc", "backslash"),
                arguments("/%00.png", "control character"),
                arguments("/a.png%00.txt", "control character"),
                arguments("/a%0a.png", "control character"),
                arguments("/a%0D.png", "control character"),
                arguments("/a%09.png", "control character"),
                arguments("/a%7f.png", "control character"),
                arguments("/a%c2%85.png", "control character"),
                arguments("/a%c2%9f.png", "control character"),
                arguments("/%252e%252e/etc", "percent sign"),
                arguments("/a%252fb.png", "percent sign"),
                arguments("/100%25.png", "percent sign"),
                arguments("/.git/config", "hidden name"),
                arguments("/a/.hidden.png", "hidden name"),
                arguments("/%2ehidden.png", "hidden name"),
                arguments("/a/.b.png.1234.tmp", "hidden name"),
                arguments("/-/health", "reserved for operational endpoints"),
                arguments("/-/admin/drain", "reserved for operational endpoints"),
                arguments("/-", "reserved for operational endpoints"),
                arguments("/%2d/health", "reserved for operational endpoints"),
                arguments("/WEB-INF/web.xml", "reserved name"),
                arguments("/web-inf/x", "reserved name"),
                arguments("/META-INF/MANIFEST.MF", "reserved name"),
                arguments("/Meta-Inf/x", "reserved name"),
                arguments("/a/WEB-INF/x.png", "reserved name"),
                arguments("/WEB-INF%2fweb.xml", "encoded slash"),
                arguments("/a.png;jsessionid=x", "path parameter"),
                arguments("/a;v=1/b.png", "path parameter"));
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("validPaths")
    void decodesSafePathsToKeys(String rawPath, String key) {
        assertThat(RequestPaths.parse(rawPath))
                .isEqualTo(new RequestPaths.Valid(StoreKey.of(key)));
    }

    @ParameterizedTest(name = "{0} is malformed: {1}")
    @MethodSource("malformedPaths")
    void rejectsBadEncodingAsMalformed(String rawPath, String reason) {
        assertThat(RequestPaths.parse(rawPath))
                .isInstanceOfSatisfying(RequestPaths.Malformed.class,
                        malformed -> assertThat(malformed.reason()).contains(reason));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @MethodSource("refusedPaths")
    void refusesPathsThatMustNotNameAnImage(String rawPath, String reason) {
        assertThat(RequestPaths.parse(rawPath))
                .isInstanceOfSatisfying(RequestPaths.Refused.class,
                        refused -> assertThat(refused.reason()).contains(reason));
    }

    @ParameterizedTest
    @MethodSource("validPaths")
    void theShortCutForPlainPathsIsTakenOnlyWhereNothingNeedsDecoding(String rawPath, String key) {
        String plain = RequestPaths.plainKey(rawPath);

        if (rawPath.indexOf('%') < 0) {
            assertThat(plain).as("a plain path takes the short cut").isEqualTo(key);
        } else {
            assertThat(plain).isNull();
        }
    }

    /**
     * The short cut is only an optimisation: on tens of thousands of random paths built from the
     * characters every rule looks at, parse gives exactly what the full decoding does.
     */
    @Test
    void theShortCutAgreesWithTheFullRulesOnRandomPaths() {
        String[] pieces = {"/", "/", "a", "b", ".", "..", "-", "%", "%2F", "%41", "%2e", ";", "\\", " ", "é",
                "\u0001", "\u007f", "WEB-INF", "web-inf", "META-INF", "Meta-Inf", "~", "+", ".png", "x"};
        SplittableRandom random = new SplittableRandom(11);
        int plain = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder path = new StringBuilder("/");
            int count = 1 + random.nextInt(6);
            for (int j = 0; j < count; j++) {
                path.append(pieces[random.nextInt(pieces.length)]);
            }
            String rawPath = path.toString();
            if (rawPath.equals("/")) {
                continue;
            }
            if (RequestPaths.plainKey(rawPath) != null) {
                plain++;
            }
            assertThat(RequestPaths.parse(rawPath)).as(rawPath).isEqualTo(RequestPaths.decoded(rawPath));
        }
        assertThat(plain).as("paths that took the short cut").isGreaterThan(1_000);
    }
}
