package org.civicloop.notification;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications leave CivicLoop.
 *
 * @param poll how often each node looks for deliveries that are due
 * @param batch at most this many deliveries per look; a full batch is followed at once by the next
 * @param senders how many deliveries a node sends at the same time
 * @param maxAttempts a delivery that failed this often is dead: operators see it and may send it again
 * @param firstRetry the wait after the first failure, doubled after each further one
 * @param longestRetry the longest wait between attempts
 * @param claim how long a node holds a delivery it is sending before another node may take it over
 * @param mailFrom the sender address of notification e-mails (e-mail is on when {@code spring.mail.host} is set)
 * @param webhooks receivers of every notification as signed JSON (the county's SMS gateway, a duty system)
 */
@ConfigurationProperties("civicloop.notifications")
public record NotificationProperties(@DefaultValue("2s") Duration poll, @DefaultValue("50") int batch, @DefaultValue("4") int senders,
		@DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration firstRetry, @DefaultValue("1h") Duration longestRetry,
		@DefaultValue("2m") Duration claim, @DefaultValue("civicloop@localhost") String mailFrom, List<Webhook> webhooks) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	public NotificationProperties {
		webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
		if (batch < 1 || senders < 1 || maxAttempts < 1) {
			throw new IllegalArgumentException("civicloop.notifications.batch, senders and max-attempts must be at least 1");
		}
	}

	/**
	 * A receiver of notifications: each is POSTed as JSON with the header {@code X-CivicLoop-Signature:
	 * sha256=<hex HMAC-SHA256 of the body under secret>} and {@code X-CivicLoop-Delivery: <notification key>}.
	 */
	public record Webhook(String name, URI url, String secret) {

		public Webhook {
			if (name == null || !NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("civicloop.notifications.webhooks: a name of lower-case letters, digits and -, not " + name);
			}
			if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
				throw new IllegalArgumentException("civicloop.notifications.webhooks." + name + ": an http or https url, not " + url);
			}
			if (secret == null || secret.length() < 16) {
				throw new IllegalArgumentException("civicloop.notifications.webhooks." + name + ": a secret of at least 16 characters");
			}
		}

		String channel() {
			return "webhook:" + name;
		}

		@Override
		public String toString() {
			return "Webhook[" + name + " " + url + "]";
		}

	}

}
