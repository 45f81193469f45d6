package org.civicloop.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.system.EngineWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warnings and urges reach people: the inbox over HTTP, e-mail through GreenMail (a real SMTP server on the
 * port the test profile names) and a webhook to a real HTTP server here, each once, also when the same alert
 * is published twice; a failing webhook is retried with growing waits, then dead until an operator retries it.
 */
@CivicLoopTest
class NotificationsIntegrationTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The SMTP port and webhook of application-test.yml. */
	static final int SMTP_PORT = 3025;

	static final int WEBHOOK_PORT = 18089;

	static final String WEBHOOK_SECRET = "test-webhook-secret-of-the-test-runs";

	private static GreenMail mail;

	private static HttpServer webhook;

	private static final List<Received> received = new CopyOnWriteArrayList<>();

	private static final AtomicInteger webhookStatus = new AtomicInteger(200);

	@LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@Autowired
	EngineWork work;

	@Autowired
	NotificationSender sender;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void servers() throws IOException {
		mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", WEBHOOK_PORT), 0);
		webhook.createContext("/hook", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			int status = webhookStatus.get();
			if (status == 200) {
				received.add(new Received(exchange.getRequestHeaders().getFirst(NotificationSender.SIGNATURE),
						exchange.getRequestHeaders().getFirst(NotificationSender.DELIVERY), body));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		webhook.start();
	}

	@AfterAll
	static void stop() {
		mail.stop();
		webhook.stop(0);
	}

	@BeforeEach
	void clean() throws Exception {
		sender.deliver(Instant.now().plusSeconds(86_400)); // what earlier tests left in the outbox
		jdbc.sql("update notification_delivery set state = 'dead' where state = 'pending'").update();
		mail.purgeEmailFromAllMailboxes();
		received.clear();
		webhookStatus.set(200);
		ClockUtil.setCurrentTime(shanghai("2026-11-30T09:00"));
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void theDepartmentHearsOfTheWarningAndTheHandlerAndHeadOfTheUrgeEachOnce() throws Exception {
		Matter matter = process.register(roadDamageInTheCountySeat(), "operator");
		assertThat(tasks.getIdentityLinksForTask(signFor(matter).getId())).extracting(link -> link.getGroupId()).containsExactly("dept-urban");

		fireTimersAt(matter, "2026-11-30T12:01"); // the warning: nobody has claimed the task yet
		assertThat(inbox("urban.wang")).hasSize(1);
		assertThat(inbox("urban.sun")).hasSize(1);
		assertThat(inbox("transport.he")).isEmpty();
		JsonNode warning = inbox("urban.wang").get(0);
		assertThat(warning.path("title").asText()).isEqualTo("【即将超期】" + matter.trackingNo() + " 签收时限 2026-11-30 14:30");
		assertThat(warning.path("body").asText()).contains(matter.trackingNo(), "县综合行政执法局（城管）", "即将到期")
			.doesNotContain("赵六", "13700001111", "中心路");

		assertThat(sender.deliver(Instant.now())).isEqualTo(4); // an e-mail and a webhook message for each of the two
		assertThat(mail.getReceivedMessages()).extracting(message -> message.getAllRecipients()[0].toString())
			.containsExactlyInAnyOrder("urban.wang@civicloop.example", "urban.sun@civicloop.example");
		MimeMessage first = mail.getReceivedMessages()[0];
		assertThat(first.getSubject()).startsWith("【即将超期】" + matter.trackingNo());
		assertThat(received).hasSize(2);
		for (Received message : received) {
			assertThat(message.signature()).isEqualTo("sha256=" + NotificationSender.sign(WEBHOOK_SECRET, message.body()));
			JsonNode json = JSON.readTree(message.body());
			assertThat(json.path("key").asText()).isEqualTo(message.delivery());
			assertThat(json.path("trackingNo").asText()).isEqualTo(matter.trackingNo());
			assertThat(new String(message.body(), StandardCharsets.UTF_8)).doesNotContain("赵六", "13700001111");
		}

		// the same alert again, as a timer run twice would publish it: nothing new, nothing sent twice
		var again = new MatterEvent.Warned(new MatterEvent.Ref(matter.id(), matter.trackingNo(), "qinghe"), Instant.now(), "sign-for",
				"dept-urban", shanghai("2026-11-30T14:30").toInstant(), null);
		transaction.executeWithoutResult(status -> events.publishEvent(again));
		assertThat(inbox("urban.wang")).hasSize(1);
		assertThat(sender.deliver(Instant.now())).isZero();
		assertThat(mail.getReceivedMessages()).hasSize(2);

		work.as("urban.wang", () -> tasks.claim(signFor(matter).getId(), "urban.wang"));
		fireTimersAt(matter, "2026-11-30T14:31"); // the urge: the one who holds the task, and the head
		assertThat(inbox("urban.wang")).hasSize(2);
		assertThat(inbox("urban.wang").get(0).path("title").asText()).startsWith("【已超期·催办】");
		assertThat(inbox("urban.sun")).hasSize(2);
		assertThat(sender.deliver(Instant.now())).isEqualTo(4);
		assertThat(mail.getReceivedMessages()).hasSize(4);
	}

	@Test
	void aFailingWebhookIsRetriedWithGrowingWaitsThenDeadUntilAnOperatorRetriesIt() throws Exception {
		Matter matter = process.register(roadDamageInTheCountySeat(), "operator");
		webhookStatus.set(500);
		fireTimersAt(matter, "2026-11-30T12:01");
		Instant now = Instant.now();

		assertThat(sender.deliver(now)).as("the e-mails go, the webhook fails").isEqualTo(2);
		assertThat(pendingWebhookAttempts(matter)).containsOnly(1);
		assertThat(sender.deliver(now.plusSeconds(29))).as("not before the first wait of 30 s").isZero();
		assertThat(pendingWebhookAttempts(matter)).containsOnly(1);
		sender.deliver(now.plusSeconds(31));
		assertThat(pendingWebhookAttempts(matter)).containsOnly(2);
		sender.deliver(now.plusSeconds(31 + 59)); // the second wait is 60 s
		assertThat(pendingWebhookAttempts(matter)).containsOnly(2);
		sender.deliver(now.plusSeconds(31 + 61));
		assertThat(pendingWebhookAttempts(matter)).as("the third and last attempt (max-attempts 3 in tests)").isEmpty();

		var http = new Http(port);
		assertThat(http.get("urban.wang", "/api/notifications/deliveries?state=dead").statusCode()).isEqualTo(403);
		JsonNode dead = JSON.readTree(http.get("ops", "/api/notifications/deliveries?state=dead").body());
		List<JsonNode> mine = new ArrayList<>();
		dead.forEach(delivery -> {
			if (delivery.path("trackingNo").asText().equals(matter.trackingNo())) {
				mine.add(delivery);
			}
		});
		assertThat(mine).hasSize(2).allSatisfy(delivery -> {
			assertThat(delivery.path("channel").asText()).isEqualTo("webhook:duty-test");
			assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
			assertThat(delivery.path("lastError").asText()).contains("answered 500");
		});
		assertThat(http.get("ops", "/api/notifications/deliveries?state=lost").statusCode()).isEqualTo(400);

		webhookStatus.set(200);
		for (JsonNode delivery : mine) {
			assertThat(http.postJson("ops", "/api/notifications/deliveries/" + delivery.path("id").asLong() + "/retry", "").statusCode())
				.isEqualTo(204);
		}
		assertThat(http.postJson("ops", "/api/notifications/deliveries/" + mine.get(0).path("id").asLong() + "/retry", "").statusCode())
			.as("no longer dead").isEqualTo(404);
		assertThat(sender.deliver(Instant.now())).isEqualTo(2);
		assertThat(received).hasSize(2);
	}

	@Test
	void eachCadreReadsAndMarksOnlyTheirOwnNotifications() throws Exception {
		Matter matter = process.register(roadDamageInTheCountySeat(), "operator");
		fireTimersAt(matter, "2026-11-30T12:01");
		var http = new Http(port);
		long id = inbox("urban.wang").get(0).path("id").asLong();

		assertThat(http.postJson("urban.sun", "/api/me/notifications/" + id + "/read", "").statusCode()).isEqualTo(404);
		assertThat(http.postJson("urban.wang", "/api/me/notifications/" + id + "/read", "").statusCode()).isEqualTo(204);
		assertThat(inbox("urban.wang").get(0).path("readAt").isNull()).isFalse();
		JsonNode unread = JSON.readTree(http.get("urban.wang", "/api/me/notifications?unread=true").body());
		unread.forEach(entry -> assertThat(entry.path("id").asLong()).isNotEqualTo(id));
		assertThat(http.get(null, "/api/me/notifications").statusCode()).isEqualTo(401);
	}

	private List<JsonNode> inbox(String cadre) throws Exception {
		JsonNode all = JSON.readTree(new Http(port).get(cadre, "/api/me/notifications?limit=500").body());
		var ofThisTest = new ArrayList<JsonNode>();
		all.forEach(entry -> {
			if (entry.path("trackingNo").asText().equals(current)) {
				ofThisTest.add(entry);
			}
		});
		return ofThisTest;
	}

	private String current;

	private Task signFor(Matter matter) {
		current = matter.trackingNo();
		return tasks.createTaskQuery().processInstanceBusinessKey(matter.trackingNo()).taskDefinitionKey("task_signFor").singleResult();
	}

	private void fireTimersAt(Matter matter, String shanghaiTime) {
		current = matter.trackingNo();
		ClockUtil.setCurrentTime(shanghai(shanghaiTime));
		String instance = signFor(matter).getProcessInstanceId();
		List<Job> due = management.createJobQuery().processInstanceId(instance).timers().executable().list();
		assertThat(due).as("timers due at " + shanghaiTime).isNotEmpty();
		due.forEach(job -> management.executeJob(job.getId()));
	}

	private List<Integer> pendingWebhookAttempts(Matter matter) {
		return jdbc.sql("""
				select d.attempts from notification_delivery d join notification n on n.id = d.notification_id
				where n.tracking_no = :no and d.channel like 'webhook:%' and d.state = 'pending'""")
			.param("no", matter.trackingNo()).query(Integer.class).list();
	}

	private static Date shanghai(String localTime) {
		return Date.from(LocalDateTime.parse(localTime).atZone(SHANGHAI).toInstant());
	}

	static NewMatter roadDamageInTheCountySeat() {
		return new NewMatter("hotline", "complaint", "road-damage", "normal", "城区中心路出现大坑，夜间容易出事故", "qinghe",
				"城区中心路", "QH-URB-01", new Contact("赵六", "13700001111"));
	}

	record Received(String signature, String delivery, byte[] body) {
	}

}
