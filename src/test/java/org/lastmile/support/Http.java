package org.lastmile.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP client for tests against the running application: JSON calls with a bearer token,
 * and a browser-like session (cookies, the login form with its CSRF field) for pages.
 */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient client;
    private final String base;
    private String bearer;

    public Http(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager()).build();
    }

    /** Gets a token for the account and sends it with every later call. */
    public Http withToken(String username, String password) {
        Response response = post("/api/v1/auth/token", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("No token for " + username + ": " + response.status() + " " + response.body());
        }
        this.bearer = response.json().get("token").asString();
        return this;
    }

    public Http withBearer(String token) {
        this.bearer = token;
        return this;
    }

    /** Logs in through the login page; the session cookie is kept for later calls. Returns where it led. */
    public Response loginPage(String username, String password) {
        return postForm("/login", "/login", Map.of("username", username, "password", password));
    }

    /** Posts a form to {@code action} with the CSRF field of the page {@code formPage} that holds the form. */
    public Response postForm(String formPage, String action, Map<String, String> fields) {
        Matcher m = CSRF.matcher(get(formPage).body());
        StringBuilder form = new StringBuilder();
        if (m.find()) {
            form.append("_csrf=").append(URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));
        }
        fields.forEach((k, v) -> form.append(form.length() > 0 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(base + action)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** A multipart upload of one file (field {@code file}), as the import endpoints take it. */
    public Response upload(String path, String filename, byte[] content) {
        String boundary = "lastmile" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        body.writeBytes(head);
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Polls a job until it is no longer RUNNING. */
    public JsonNode awaitJob(String path) {
        for (int i = 0; i < 300; i++) {
            JsonNode job = get(path).json();
            if (!"RUNNING".equals(job.get("status").asString())) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The job at " + path + " did not finish");
    }

    /** The raw bytes of a download asked for with a JSON body. */
    public byte[] postForBytes(String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw bytes of a download. */
    public byte[] getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response post(String path, Object body, String... headers) {
        return json("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return json("PUT", path, body, headers);
    }

    public Response json(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join("; ", e.getValue())).findFirst().orElse(null);
        }
    }
}
