package org.civicloop.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

/** Writes RFC 9457 problem details from filters, where no controller advice reaches. */
final class Problems {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Problems() {
	}

	static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
		write(response, status, title, detail, Map.of());
	}

	/** 401 with the challenge for Basic and API keys, the same whatever was wrong with the credentials. */
	static void unauthorized(HttpServletResponse response) throws IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"CivicLoop\", Bearer realm=\"CivicLoop\"");
		write(response, 401, "Unauthorized", "Log in with a CivicLoop account (HTTP Basic) or an API key (Bearer)");
	}

	/** A login refused: 429 when the address has failed too often, else 401. */
	static void refused(HttpServletResponse response, AccountCheck.Refused refused) throws IOException {
		if (refused instanceof AccountCheck.Throttled throttled) {
			throttled(response, throttled.retryAfter);
		}
		else {
			unauthorized(response);
		}
	}

	/** 429: too many failed logins from this address. */
	static void throttled(HttpServletResponse response, java.time.Duration retryAfter) throws IOException {
		response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
		write(response, 429, "Too Many Requests", "Too many failed logins from this address; try again in "
				+ Math.max(1, retryAfter.toMinutes()) + " minutes");
	}

	/** A problem with extension members beside the standard ones. */
	static void write(HttpServletResponse response, int status, String title, String detail, Map<String, Object> extensions)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.putAll(extensions);
		byte[] body = JSON.writeValueAsBytes(problem);
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

}
