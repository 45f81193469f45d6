package org.civicloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Requests to CivicLoop as a demo account (password {@code demo}, HTTP Basic), failing on any other status than expected. */
final class BenchHttp {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	BenchHttp(String base) {
		this.base = base;
	}

	/** The answer's body; a JSON body when {@code body} is not null. */
	String send(String user, String method, String path, String body, int expected) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(15))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		var response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
