package org.civicloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.civicloop.WebhookReceiver;
import org.civicloop.matter.events.MatterEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.ApplicationModuleListener;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The two outboxes issue 12 names beside CivicLoop's own, each carrying a warning's webhook message from the
 * timer's transaction to the receiver, for {@code bench/outbox.sh}. CivicLoop still writes the inbox entries
 * (no webhook is configured then); these post them. Registered only as extra sources of the benchmark's
 * application, never scanned: the classes carry no stereotype.
 */
final class OutboxAlternatives {

	static final String URL = "bench.webhook.url";

	private OutboxAlternatives() {
	}

	/** Which warning to deliver: the matter, its stage and the deadline warned of. */
	record Warning(long matter, String stage, Instant due) implements JobHandlerConfiguration {

		static Warning of(MatterEvent.Warned warned) {
			return new Warning(warned.matter().id(), warned.stage(), warned.due());
		}

		static Warning parse(String canonical) {
			String[] parts = canonical.split(" ");
			return new Warning(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2]));
		}

		@Override
		public String toCanonicalString() {
			return matter + " " + stage + " " + due;
		}

	}

	/** Posts a warning's notifications, signed, in the JSON CivicLoop's own sender posts. */
	static final class Poster {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private final JdbcClient jdbc;

		private final ObjectMapper json;

		private final URI url;

		Poster(JdbcClient jdbc, ObjectMapper json, Environment environment) {
			this.jdbc = jdbc;
			this.json = json;
			this.url = URI.create(environment.getRequiredProperty(URL));
		}

		void post(Warning warning) throws Exception {
			var notices = jdbc.sql("""
					select dedup_key, kind, recipient, tracking_no, stage, due_at, title, body, created_at from notification
					where matter_id = :matter and kind = 'warning' and stage = :stage and due_at = :due""")
				.param("matter", warning.matter()).param("stage", warning.stage()).param("due", Timestamp.from(warning.due()))
				.query((rs, row) -> {
					var message = new LinkedHashMap<String, Object>();
					for (String column : new String[] { "dedup_key", "kind", "recipient", "tracking_no", "stage", "title", "body" }) {
						message.put(column.equals("dedup_key") ? "key" : column.equals("tracking_no") ? "trackingNo" : column, rs.getString(column));
					}
					message.put("due", rs.getTimestamp("due_at").toInstant());
					message.put("createdAt", rs.getTimestamp("created_at").toInstant());
					return message;
				})
				.list();
			for (Map<String, Object> notice : notices) {
				byte[] body = json.writeValueAsBytes(notice);
				var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json; charset=utf-8")
					.header("X-CivicLoop-Signature", "sha256=" + WebhookReceiver.sign(body)).header("X-CivicLoop-Delivery", (String) notice.get("key"))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
				int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status / 100 != 2) {
					throw new IllegalStateException(url + " answered " + status);
				}
			}
		}

	}

	/**
	 * Camunda's own asynchronous jobs: a message job per warning, inserted in the timer's transaction and run by
	 * the job executor beside the timers (lock, retries, incidents as for any job).
	 */
	static class CamundaJobs {

		static final String TYPE = "civicloop-bench-webhook";

		@Bean
		Poster benchPoster(JdbcClient jdbc, ObjectMapper json, Environment environment) {
			return new Poster(jdbc, json, environment);
		}

		@Bean
		AbstractProcessEnginePlugin benchDeliveryJobs(Poster poster) {
			return new AbstractProcessEnginePlugin() {
				@Override
				public void preInit(ProcessEngineConfigurationImpl configuration) {
					var handlers = new ArrayList<JobHandler>(configuration.getCustomJobHandlers() == null ? java.util.List.of()
							: configuration.getCustomJobHandlers());
					handlers.add(new Delivery(poster));
					configuration.setCustomJobHandlers(handlers);
				}
			};
		}

		@EventListener
		void on(MatterEvent.Warned warned) {
			var message = new MessageEntity();
			message.setJobHandlerType(TYPE);
			message.setJobHandlerConfigurationRaw(Warning.of(warned).toCanonicalString());
			Context.getCommandContext().getJobManager().send(message);
		}

		private record Delivery(Poster poster) implements JobHandler<Warning> {

			@Override
			public String getType() {
				return TYPE;
			}

			@Override
			public void execute(Warning warning, ExecutionEntity execution, CommandContext context, String tenantId) {
				try {
					poster.post(warning);
				}
				catch (Exception failure) {
					throw new IllegalStateException(failure);
				}
			}

			@Override
			public Warning newConfiguration(String canonical) {
				return Warning.parse(canonical);
			}

			@Override
			public void onDelete(Warning warning, JobEntity job) {
			}

		}

	}

	/**
	 * Spring Modulith's event publication registry (on the classpath with the {@code bench-modulith} profile):
	 * the warning is published as an event in the timer's transaction, the registry stores it there, and an
	 * application-module listener posts it after the commit on Spring's task executor, marking it completed.
	 */
	@EnableAsync
	static class ModulithRegistry {

		private final ApplicationEventPublisher events;

		ModulithRegistry(ApplicationEventPublisher events) {
			this.events = events;
		}

		@Bean
		Poster benchPoster(JdbcClient jdbc, ObjectMapper json, Environment environment) {
			return new Poster(jdbc, json, environment);
		}

		@EventListener
		void on(MatterEvent.Warned warned) {
			events.publishEvent(Warning.of(warned));
		}

	}

	/** The registry's listener: a bean of its own, so the asynchronous, transactional proxy wraps it. */
	static class ModulithDelivery {

		private final Poster poster;

		ModulithDelivery(Poster poster) {
			this.poster = poster;
		}

		@ApplicationModuleListener
		void deliver(Warning warning) throws Exception {
			poster.post(warning);
		}

	}

}
