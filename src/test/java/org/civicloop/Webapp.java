package org.civicloop;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session in one of Camunda's webapps: logged in through the webapp's own login, with its
 * cookie and CSRF token, calling the webapp's own REST API ({@code /camunda/api/engine/engine/default/...})
 * as Tasklist and Cockpit do.
 */
public final class Webapp {

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final int port;

	private String token = "";

	private int loginStatus;

	private Webapp(int port) {
		this.port = port;
	}

	/** Logs in to a webapp ({@code tasklist}, {@code cockpit}, {@code admin}) as a user with a password. */
	public static Webapp login(int port, String app, String user, String password) {
		var session = new Webapp(port);
		var page = session.send(HttpRequest.newBuilder(session.uri("/camunda/app/" + app + "/default/")).build());
		session.token = page.headers().firstValue("X-XSRF-TOKEN").orElse("");
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		session.loginStatus = session.send(session.request("/camunda/api/admin/auth/user/default/login/" + app)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
		// a login starts a new session, with a CSRF token of its own
		var again = session.send(HttpRequest.newBuilder(session.uri("/camunda/app/" + app + "/default/")).build());
		session.token = again.headers().firstValue("X-XSRF-TOKEN").orElse(session.token);
		return session;
	}

	public int loginStatus() {
		return loginStatus;
	}

	/** A call of the engine REST API as the webapps make it: {@code path} below {@code /engine/default}. */
	public HttpResponse<String> engine(String method, String path, String json) {
		var request = request("/camunda/api/engine/engine/default" + path).header("Content-Type", "application/json");
		return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json)).build());
	}

	/** A multipart POST of files (parts named {@code files}) and text fields, as the variant editor sends them. */
	public HttpResponse<String> multipart(String path, java.util.Map<String, String> fields, java.util.Map<String, byte[]> files) {
		return send(request(path).header("Content-Type", Http.MULTIPART)
			.POST(HttpRequest.BodyPublishers.ofByteArray(Http.multipartBody(fields, files, name -> "files"))).build());
	}

	/** From now on without the CSRF token, as a page of another site would call with this browser's cookie. */
	public Webapp withoutToken() {
		return withToken("");
	}

	/** From now on with this CSRF token, as a page that read it from a response would. */
	public Webapp withToken(String token) {
		this.token = token;
		return this;
	}

	public HttpResponse<String> send(String method, String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(body)).build());
	}

	private HttpRequest.Builder request(String path) {
		var request = HttpRequest.newBuilder(uri(path));
		return token.isEmpty() ? request : request.header("X-XSRF-TOKEN", token);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return browser.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " failed", ex);
		}
	}

}
