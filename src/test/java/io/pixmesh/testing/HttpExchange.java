package io.pixmesh.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, byte for byte: the request target is sent exactly
 * as written (hostile paths stay hostile; no client library normalises them), and the response
 * is read to the connection's end ({@code Connection: close}) so that nothing is hidden.
 */
public final class HttpExchange {

    private final String method;
    private final String target;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private HttpExchange(String method, String target) {
        this.method = method;
        this.target = target;
    }

    public static HttpExchange get(String target) {
        return new HttpExchange("GET", target);
    }

    public static HttpExchange request(String method, String target) {
        return new HttpExchange(method, target);
    }

    public HttpExchange header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sends the request to 127.0.0.1:{@code port} and reads the whole response. */
    public Response send(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes());
            out.flush();
            return Response.parse(method, socket.getInputStream().readAllBytes());
        }
    }

    private byte[] requestBytes() {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A parsed response: status, headers (names lower-cased, repeats kept), body as sent. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** The single value of {@code name}, or null; fails when the header is repeated. */
        public String header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            if (values.size() > 1) {
                throw new AssertionError("header " + name + " repeated: " + values);
            }
            return values.isEmpty() ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Response parse(String method, byte[] raw) throws IOException {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new IOException("no complete response head in " + raw.length + " bytes");
            }
            String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            boolean chunked = headers.getOrDefault("transfer-encoding", List.of()).contains("chunked");
            byte[] body = chunked && !method.equals("HEAD") ? dechunk(rest) : rest;
            return new Response(status, headers, body);
        }

        private static byte[] dechunk(byte[] raw) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int pos = 0;
            while (true) {
                int lineEnd = indexOf(java.util.Arrays.copyOfRange(raw, pos, raw.length),
                        "\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (lineEnd < 0) {
                    throw new IOException("truncated chunked body");
                }
                String sizeLine = new String(raw, pos, lineEnd, StandardCharsets.ISO_8859_1);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                pos += lineEnd + 2;
                if (size == 0) {
                    return body.toByteArray();
                }
                body.write(raw, pos, size);
                pos += size + 2;
            }
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
