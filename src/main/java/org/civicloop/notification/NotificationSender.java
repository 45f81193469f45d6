package org.civicloop.notification;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import org.civicloop.organization.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox: every node looks for due deliveries every {@code poll}, claims each before sending it, and
 * records the outcome; {@code senders} deliveries go out at once. A failed attempt is tried again after a wait that doubles each time
 * ({@code first-retry}, at most {@code longest-retry}); after {@code max-attempts} the delivery is dead and
 * waits for an operator. A node that dies while sending leaves its claim to expire, and another node sends
 * again: receivers drop a repeat by its {@code X-CivicLoop-Delivery} key.
 */
@Component
class NotificationSender {

	static final String EMAIL = "email";

	static final String SIGNATURE = "X-CivicLoop-Signature";

	static final String DELIVERY = "X-CivicLoop-Delivery";

	private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ExecutorService senders;

	private final Notifications notifications;

	private final People people;

	private final NotificationProperties properties;

	private final ObjectProvider<JavaMailSender> mail;

	private final ObjectMapper json;

	NotificationSender(Notifications notifications, People people, NotificationProperties properties, ObjectProvider<JavaMailSender> mail,
			ObjectMapper json) {
		this.notifications = notifications;
		this.people = people;
		this.properties = properties;
		this.mail = mail;
		this.json = json;
		var number = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(properties.senders(), work -> {
			var thread = new Thread(work, "notification-sender-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Scheduled(fixedDelayString = "${civicloop.notifications.poll:2s}", initialDelayString = "${civicloop.notifications.poll:2s}")
	void deliverDue() {
		deliver(Instant.now());
	}

	/**
	 * Sends the deliveries due at {@code now} that this node can claim, {@code senders} at a time, batch after
	 * batch until one comes back short; answers how many were sent.
	 */
	int deliver(Instant now) {
		int sent = 0;
		for (Instant at = now;; at = Instant.now()) {
			Instant claimedAt = at;
			List<Notifications.Outgoing> due = notifications.due(at, properties.batch());
			var sending = due.stream().map(outgoing -> senders.submit(() -> deliver(outgoing, claimedAt))).toList();
			for (Future<Boolean> each : sending) {
				try {
					sent += each.get() ? 1 : 0;
				}
				catch (ExecutionException | InterruptedException unexpected) {
					if (unexpected instanceof InterruptedException) {
						Thread.currentThread().interrupt();
						return sent;
					}
					log.error("Sending a notification failed unexpectedly", unexpected.getCause());
				}
			}
			if (due.size() < properties.batch()) {
				return sent;
			}
		}
	}

	/** Claims and sends one delivery and records the outcome; true when it was sent. */
	private boolean deliver(Notifications.Outgoing outgoing, Instant now) {
		if (!notifications.claim(outgoing.id(), now, now.plus(properties.claim()))) {
			return false;
		}
		int attempts = outgoing.attempts() + 1;
		try {
			send(outgoing);
			notifications.sent(outgoing.id(), attempts, Instant.now());
			return true;
		}
		catch (Exception failure) {
			Instant next = attempts >= properties.maxAttempts() ? null : now.plus(wait(attempts));
			String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
			notifications.failed(outgoing.id(), attempts, next, error.length() > 1000 ? error.substring(0, 1000) : error);
			log.warn("Notification {} to {} by {} failed, attempt {}{}: {}", outgoing.notice().trackingNo(), outgoing.notice().recipient(),
					outgoing.channel(), attempts, next == null ? ", the last: dead" : ", next at " + next, error);
			return false;
		}
	}

	@PreDestroy
	void stop() {
		senders.shutdown();
	}

	/** The wait after the {@code attempts}-th failure: doubling from {@code first-retry}, at most {@code longest-retry}. */
	Duration wait(int attempts) {
		Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 30));
		return wait.compareTo(properties.longestRetry()) > 0 ? properties.longestRetry() : wait;
	}

	private void send(Notifications.Outgoing outgoing) throws Exception {
		if (outgoing.channel().equals(EMAIL)) {
			email(outgoing);
			return;
		}
		var webhook = properties.webhooks().stream().filter(each -> each.channel().equals(outgoing.channel())).findFirst()
			.orElseThrow(() -> new IllegalStateException("no " + outgoing.channel() + " is configured any more"));
		post(webhook, outgoing);
	}

	private void email(Notifications.Outgoing outgoing) throws Exception {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("e-mail is off: spring.mail.host is not set");
		}
		String to = people.email(outgoing.notice().recipient())
			.orElseThrow(() -> new IllegalStateException(outgoing.notice().recipient() + " has no e-mail address"));
		MimeMessage message = sender.createMimeMessage();
		var helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		helper.setFrom(properties.mailFrom());
		helper.setTo(to);
		helper.setSubject(outgoing.notice().title());
		helper.setText(outgoing.notice().body());
		message.setHeader(DELIVERY, outgoing.notice().key());
		sender.send(message);
	}

	private void post(NotificationProperties.Webhook webhook, Notifications.Outgoing outgoing) throws Exception {
		var notice = outgoing.notice();
		byte[] body = json.writeValueAsBytes(new WebhookMessage(notice.key(), notice.kind(), notice.recipient(), notice.trackingNo(),
				notice.stage(), notice.due(), notice.title(), notice.body(), outgoing.createdAt()));
		var request = HttpRequest.newBuilder(webhook.url()).timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json; charset=utf-8")
			.header(SIGNATURE, "sha256=" + sign(webhook.secret(), body))
			.header(DELIVERY, notice.key())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(webhook.url() + " answered " + response.statusCode());
		}
	}

	/** The hex HMAC-SHA256 of {@code body} under {@code secret}: what a receiver computes to trust a message. */
	static String sign(String secret, byte[] body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

	/** The JSON a webhook receives: the notification as the inbox shows it, and its key. */
	record WebhookMessage(String key, String kind, String recipient, String trackingNo, String stage, Instant due, String title,
			String body, Instant createdAt) {
	}

}
