package org.civicloop.matter.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.civicloop.TestTables;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline and the matter record as listeners of matter events, each called with events as the engine's
 * steps publish them, on CivicLoop's own tables in a database of their own — no engine, no Spring.
 */
class MatterListenersUnitTests {

	private static final Directory DIRECTORY = Directory.read(new ClassPathResource("organization/demo-directory.yaml"));

	private static final MatterProperties PROPERTIES = new MatterProperties(2, ZoneId.of("Asia/Shanghai"), 0, 200, 7,
			"listener-tests-evaluation-secret-0000000000", List.of());

	private static final Instant AT = Instant.parse("2026-11-30T01:00:00Z");

	private final NamedParameterJdbcTemplate tables = TestTables.freshTemplate();

	private final JdbcClient jdbc = JdbcClient.create(tables);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(tables.getJdbcTemplate().getDataSource()));

	private final Matters matters = new Matters(jdbc, PROPERTIES);

	private final Timeline timeline = new Timeline(tables, DIRECTORY, PROPERTIES);

	private final MatterRecords records = new MatterRecords(matters);

	private final Matter matter = matters.add(new NewMatter("hotline", "complaint", "road-damage", "normal", "路面塌陷", "qingshi",
			"青石镇中心路", null, new Contact("赵六", "13700001111")), AT, "operator");

	private final MatterEvent.Ref ref = new MatterEvent.Ref(matter.id(), matter.trackingNo(), "qingshi");

	@Test
	void theTimelineWritesOneEntryPerEventWithTheWordsPeopleRead() {
		timeline.on(new MatterEvent.Registered(ref, AT, "hotline", "road-damage", "operator"));
		timeline.on(new MatterEvent.Routed(ref, AT.plusSeconds(1), "dept-transport", List.of("dept-urban")));
		timeline.on(new MatterEvent.Offered(ref, AT.plusSeconds(2), "sign-for", "dept-transport", null, "签收", AT.plus(Duration.ofHours(4))));
		timeline.on(new MatterEvent.Returned(ref, AT.plusSeconds(3), "dept-transport", "transport.he", "not-our-function", "属于城管"));
		timeline.on(new MatterEvent.Warned(ref, AT.plusSeconds(4), "sign-for", "dept-transport", AT.plus(Duration.ofHours(4)), null));
		timeline.on(new MatterEvent.Closed(ref, AT.plusSeconds(5), "dept-transport", "basically-satisfied"));
		timeline.on(new MatterEvent.Evaluated(ref, AT.plusSeconds(6), "basically-satisfied", false, "灯还是暗"));

		var entries = timeline.of(matter.id());

		assertThat(entries).extracting(Timeline.Entry::kind).containsExactly(Timeline.Kind.REGISTERED, Timeline.Kind.ROUTED,
				Timeline.Kind.TASK_CREATED, Timeline.Kind.RETURNED, Timeline.Kind.WARNING, Timeline.Kind.CLOSED,
				Timeline.Kind.CITIZEN_EVALUATED);
		assertThat(entries.get(1).note()).isEqualTo("牵头 县交通运输局；协办 县综合行政执法局（城管）");
		assertThat(entries.get(2).note()).isEqualTo("签收，时限 2026-11-30 13:00");
		assertThat(entries.get(3).note()).isEqualTo("退单（县交通运输局）：not-our-function，属于城管");
		assertThat(entries.get(3).actor()).isEqualTo("transport.he");
		assertThat(entries.get(4).note()).isEqualTo("临近时限预警（黄灯），时限 2026-11-30 13:00");
		assertThat(entries.get(5).note()).isEqualTo("群众基本满意");
		assertThat(entries.get(6).note()).as("the citizen's own rating in words").isEqualTo("基本满意，未解决");
	}

	@Test
	void theRecordFollowsTheMatterThroughItsSteps() {
		records.on(new MatterEvent.Routed(ref, AT, "dept-transport", List.of("dept-urban")));
		records.on(new MatterEvent.Offered(ref, AT, "sign-for", "dept-transport", null, "签收", AT.plus(Duration.ofHours(4))));
		assertThat(matters.byId(matter.id()).orElseThrow()).satisfies(now -> {
			assertThat(now.progress().stage()).isEqualTo("sign-for");
			assertThat(now.progress().dueAt()).isEqualTo(AT.plus(Duration.ofHours(4)));
			assertThat(now.progress().leadDepartment()).isEqualTo("dept-transport");
			assertThat(now.progress().coDepartments()).containsExactly("dept-urban");
		});

		records.on(new MatterEvent.Redispatched(ref, AT, "dispatcher", "dept-urban", "改派"));
		records.on(new MatterEvent.Offered(ref, AT, "review", "dispatch-centre", null, "审核报结", null));
		records.on(new MatterEvent.Closed(ref, AT.plusSeconds(60), "dept-urban", "satisfied"));

		Matter closed = matters.byId(matter.id()).orElseThrow();
		assertThat(closed.progress().leadDepartment()).isEqualTo("dept-urban");
		assertThat(closed.progress().dueAt()).isNull();
		assertThat(closed.progress().stage()).isEqualTo("closed");
		assertThat(closed.progress().closedAt()).isEqualTo(AT.plusSeconds(60));
		assertThat(closed.progress().satisfaction()).isEqualTo("satisfied");
	}

	@Test
	void aStepsChangesOfTheRecordAreOneUpdateJustBeforeItCommits() {
		countUpdates();
		transactions.executeWithoutResult(step -> {
			records.on(new MatterEvent.Routed(ref, AT, "dept-transport", List.of("dept-urban")));
			records.on(new MatterEvent.Offered(ref, AT, "sign-for", "dept-transport", null, "签收", AT.plus(Duration.ofHours(4))));
			assertThat(UpdateCount.of(matter.id())).as("nothing written while the step runs").isZero();
		});
		assertThat(UpdateCount.of(matter.id())).isEqualTo(1);
		Matter routed = matters.byId(matter.id()).orElseThrow();
		assertThat(routed.progress().stage()).isEqualTo("sign-for");
		assertThat(routed.progress().leadDepartment()).isEqualTo("dept-transport");
		assertThat(jdbc.sql("select department from matter_co_department where matter_id = :id").param("id", matter.id())
			.query(String.class).list()).containsExactly("dept-urban");

		transactions.executeWithoutResult(step -> {
			records.on(new MatterEvent.Visited(ref, AT, "dispatch-centre", "dispatcher", "satisfied", true, ""));
			records.on(new MatterEvent.Closed(ref, AT.plusSeconds(60), "dept-transport", "satisfied"));
			step.setRollbackOnly();
		});
		assertThat(UpdateCount.of(matter.id())).as("a step rolled back writes nothing").isEqualTo(1);
		assertThat(matters.byId(matter.id()).orElseThrow().progress().stage()).isEqualTo("sign-for");
	}

	@Test
	void aStepLocksItsMatterAtItsFirstChangeSoAnotherStepOnItWaits() throws Exception {
		var changed = new CountDownLatch(1);
		var finish = new CountDownLatch(1);
		var visit = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(step -> {
			records.on(new MatterEvent.Visited(ref, AT, "dispatch-centre", "dispatcher", "satisfied", true, ""));
			changed.countDown();
			try {
				finish.await();
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}));
		changed.await();
		var evaluation = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(step ->
				records.on(new MatterEvent.Evaluated(ref, AT, "unsatisfied", false, ""))));
		Thread.sleep(500);
		assertThat(evaluation).as("waits for the return visit's lock on the matter").isNotDone();

		finish.countDown();
		visit.get(10, TimeUnit.SECONDS);
		evaluation.get(10, TimeUnit.SECONDS);
		assertThat(matters.byId(matter.id()).orElseThrow().progress().satisfaction()).as("the later step's").isEqualTo("unsatisfied");
	}

	@Test
	void aReadInTheStepSeesWhatTheStepChanged() {
		countUpdates();
		transactions.executeWithoutResult(step -> {
			records.on(new MatterEvent.Offered(ref, AT, "handle", "dept-transport", "transport.he", "办理", null));
			assertThat(matters.byTrackingNo(matter.trackingNo()).orElseThrow().progress().stage()).isEqualTo("handle");
			records.on(new MatterEvent.Offered(ref, AT, "review", "dispatch-centre", null, "审核报结", null));
			timeline.on(new MatterEvent.SignedFor(ref, AT, "dept-transport", "transport.he"));
			assertThat(timeline.of(matter.id())).extracting(Timeline.Entry::kind).containsExactly(Timeline.Kind.SIGNED);
		});
		assertThat(UpdateCount.of(matter.id())).as("the read wrote the first change, the commit the second").isEqualTo(2);
		assertThat(matters.byId(matter.id()).orElseThrow().progress().stage()).isEqualTo("review");
		assertThat(timeline.of(matter.id())).hasSize(1);
	}

	@Test
	void aRecordStoredInTheStepTakesItsNumberAndProcessInOneUpdate() {
		countUpdates();
		var twice = transactions.execute(step -> {
			Matter stored = matters.add(new NewMatter("hotline", "complaint", "road-damage", "normal", "井盖缺失", "qingshi",
					"青石镇东街", null, new Contact("钱七", "13700002222")), AT, "operator");
			assertThat(matters.startedAs(stored.id(), "process-1")).isTrue();
			records.on(new MatterEvent.Offered(new MatterEvent.Ref(stored.id(), stored.trackingNo(), "qingshi"), AT, "sign-for",
					"dept-transport", null, "签收", null));
			assertThat(matters.startedAs(stored.id(), "process-2")).as("a record has one process").isFalse();
			return stored;
		});
		assertThat(UpdateCount.of(twice.id())).isEqualTo(1);
		Matter stored = matters.byTrackingNo(twice.trackingNo()).orElseThrow();
		assertThat(stored.processInstanceId()).isEqualTo("process-1");
		assertThat(stored.progress().stage()).isEqualTo("sign-for");
	}

	/** From now on, in this test's database (its matter ids are those of the other tests' databases). */
	private void countUpdates() {
		UpdateCount.COUNTS.clear();
		jdbc.sql("create trigger count_matter_updates after update on matter for each row call '" + UpdateCount.class.getName() + "'")
			.update();
	}

	/** Counts the updates of each matter row (an H2 trigger). */
	public static final class UpdateCount implements org.h2.api.Trigger {

		private static final java.util.Map<Long, Integer> COUNTS = new java.util.concurrent.ConcurrentHashMap<>();

		static int of(long id) {
			return COUNTS.getOrDefault(id, 0);
		}

		@Override
		public void fire(java.sql.Connection connection, Object[] before, Object[] after) {
			COUNTS.merge(((Number) after[0]).longValue(), 1, Integer::sum);
		}

	}

}
