package org.civicloop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP against the test server, as a named account or anonymously (user {@code null}); password {@code demo}. */
public final class Http {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	public Http(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String user, String path) {
		return send(request(user, path).GET().build());
	}

	public HttpResponse<String> postJson(String user, String path, String json) {
		return send(request(user, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	/** A multipart deployment to the engine REST API, optionally into a tenant. */
	public HttpResponse<String> deploy(String user, String tenant, String fileName, byte[] content) {
		String boundary = "civicloop-test-boundary";
		var body = new StringBuilder();
		part(body, boundary, "deployment-name", "test-" + fileName);
		part(body, boundary, "enable-duplicate-filtering", "false");
		if (tenant != null) {
			part(body, boundary, "tenant-id", tenant);
		}
		body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"data\"; filename=\"")
			.append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		byte[] head = body.toString().getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(content, 0, all, head.length, content.length);
		System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
		return send(request(user, "/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(all)).build());
	}

	public HttpRequest.Builder request(String user, String path) {
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
		if (user != null) {
			builder.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		}
		return builder;
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " failed", ex);
		}
	}

	private static void part(StringBuilder body, String boundary, String name, String value) {
		body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
			.append("\"\r\n\r\n").append(value).append("\r\n");
	}

}
