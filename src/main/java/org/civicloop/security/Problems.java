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
