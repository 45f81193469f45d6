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
		return deploy(user, tenant, java.util.Map.of(fileName, content));
	}

	/** A multipart deployment of several files to the engine REST API, as Camunda Modeler sends it. */
	public HttpResponse<String> deploy(String user, String tenant, java.util.Map<String, byte[]> files) {
		var fields = new java.util.LinkedHashMap<String, String>();
		fields.put("deployment-name", "test-" + String.join(",", files.keySet()));
		fields.put("enable-duplicate-filtering", "false");
		if (tenant != null) {
			fields.put("tenant-id", tenant);
		}
		var named = new java.util.LinkedHashMap<String, byte[]>();
		files.forEach((name, content) -> named.put(name, content));
		return multipart(user, "/engine-rest/deployment/create", fields, named, name -> name);
	}

	/** A multipart POST: text fields, then files, each file in a part named {@code part.apply(fileName)}. */
	public HttpResponse<String> multipart(String user, String path, java.util.Map<String, String> fields,
			java.util.Map<String, byte[]> files, java.util.function.UnaryOperator<String> part) {
		return send(request(user, path).header("Content-Type", MULTIPART)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(fields, files, part))).build());
	}

	private static final String BOUNDARY = "civicloop-test-boundary";

	/** The content type of {@link #multipartBody}. */
	public static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

	/** A multipart body: text fields, then files, each file in a part named {@code part.apply(fileName)}. */
	public static byte[] multipartBody(java.util.Map<String, String> fields, java.util.Map<String, byte[]> files,
			java.util.function.UnaryOperator<String> part) {
		var out = new java.io.ByteArrayOutputStream();
		var head = new StringBuilder();
		fields.forEach((name, value) -> part(head, BOUNDARY, name, value));
		out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		files.forEach((fileName, content) -> {
			out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.apply(fileName)
					+ "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(content);
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		});
		out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
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
