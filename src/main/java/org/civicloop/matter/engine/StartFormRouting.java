package org.civicloop.matter.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.civicloop.matter.model.MatterDefinitions;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.system.EngineWork;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One way to start a matter from Tasklist: the county's process. A start form submitted to it
 * ({@code submit-form} on the webapps' engine API or on {@code /engine-rest}) for a unit that runs a
 * variant of its own, or inherits its town's, is passed on, unchanged, to that variant's definition, so the
 * unit chosen in the form decides which definition runs. The engine still checks everything on the way:
 * the caller's right to start that definition, the form's fields, and that the definition is the unit's
 * ({@link RegisterMatterDelegate}). Variants are never offered in Tasklist's start dialog on their own
 * (the variants module marks them so when they are deployed).
 */
class StartFormRouting extends OncePerRequestFilter {

	/** {@code …/process-definition/{id}/submit-form} or {@code …/process-definition/key/{key}/submit-form}, no tenant named. */
	private static final Pattern SUBMIT = Pattern.compile("(.*/process-definition/)(?:key/([^/]+)|([^/]+))/submit-form");

	private final MatterDefinitions definitions;

	private final RepositoryService repository;

	private final EngineWork engine;

	private final Directory directory;

	private final ObjectMapper json = new ObjectMapper();

	StartFormRouting(MatterDefinitions definitions, RepositoryService repository, EngineWork engine, Directory directory) {
		this.definitions = definitions;
		this.directory = directory;
		this.repository = repository;
		this.engine = engine;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var path = request.getRequestURI().substring(request.getContextPath().length());
		var submit = SUBMIT.matcher(path);
		if (!"POST".equals(request.getMethod()) || !submit.matches() || !countyProcess(submit.group(2), submit.group(3))) {
			chain.doFilter(request, response);
			return;
		}
		// bounded: every request's size is limited before it gets here (RequestSizeLimitFilter)
		byte[] body = request.getInputStream().readAllBytes();
		String variant = unitOf(body);
		String routed = variant == null ? null : submit.group(1) + variant + "/submit-form";
		chain.doFilter(new Replayed(request, body, routed), response);
	}

	/** Whether the path names the county's shared process: by its key, or by the id of one of its versions. */
	private boolean countyProcess(String key, String id) {
		if (key != null) {
			return MatterHandling.PROCESS_KEY.equals(key);
		}
		ProcessDefinition definition = engine.asApplication(
				() -> repository.createProcessDefinitionQuery().processDefinitionId(id).singleResult());
		return definition != null && MatterHandling.PROCESS_KEY.equals(definition.getKey()) && definition.getTenantId() == null;
	}

	/** The definition of the unit named in the form when it is a variant; {@code null} to go on as asked. */
	private String unitOf(byte[] body) {
		JsonNode unit;
		try {
			unit = json.readTree(body).path("variables").path(MatterHandling.Vars.UNIT).path("value");
		}
		catch (IOException notJson) {
			return null; // the engine answers a malformed body itself
		}
		if (!unit.isTextual() || directory.unit(unit.asText().strip()).isEmpty()) {
			return null; // the start form's own check names the missing or unknown unit
		}
		return definitions.forUnit(unit.asText().strip()).processDefinitionId();
	}

	/**
	 * The request with its body read once and offered again, and, when routed, its path changed to the
	 * variant's (a changed path rather than a forward, so that every filter after this one — the webapps'
	 * authentication and CSRF check among them — still runs, on the path the engine will serve).
	 */
	private static final class Replayed extends HttpServletRequestWrapper {

		private final byte[] body;

		/** The path within the application, or {@code null} to keep the request's own. */
		private final String path;

		Replayed(HttpServletRequest request, byte[] body, String path) {
			super(request);
			this.body = body;
			this.path = path;
		}

		@Override
		public String getRequestURI() {
			return path == null ? super.getRequestURI() : getContextPath() + path;
		}

		@Override
		public StringBuffer getRequestURL() {
			if (path == null) {
				return super.getRequestURL();
			}
			var url = super.getRequestURL();
			return new StringBuffer(url.substring(0, url.length() - super.getRequestURI().length())).append(getRequestURI());
		}

		@Override
		public String getPathInfo() {
			return path == null ? super.getPathInfo() : path.substring(getServletPath().length());
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body has been read already");
				}

			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/**
		 * Before the engine REST servlets; on the webapps' API also before their own filters (authentication,
		 * CSRF), which then check the routed request.
		 */
		@Bean
		FilterRegistrationBean<StartFormRouting> startFormRouting(MatterDefinitions definitions, RepositoryService repository,
				EngineWork engine, Directory directory) {
			var registration = new FilterRegistrationBean<>(new StartFormRouting(definitions, repository, engine, directory));
			registration.setName("start-form-routing");
			registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
			registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
			return registration;
		}

	}

}
