package org.civicloop.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cases as CivicLoop's records hold them: closed matters with the lead department's handling (the last
 * 办理 step's result and reply) and whether the return visit found it resolved, and typical cases. Citizen contact
 * never leaves here: the reporter's name and phone, and anything that looks like a phone or identity card number,
 * are cut out of every text.
 */
@Repository
class CaseRecords {

	/**
	 * Mainland mobile numbers (with or without +86, in groups or not), landline numbers and identity card numbers,
	 * written in free text (full-width digits made plain first).
	 */
	private static final Pattern NUMBERS = Pattern.compile(
			"(?<!\\d)((?:\\+?86[-\\s]?)?1[3-9]\\d(?:[-\\s]?\\d{4}){2}|0\\d{2,3}-?\\d{7,8}|\\d{17}[\\dXx])(?!\\d)");

	private static final String MATTERS = """
			select m.id, m.tracking_no, m.category, m.unit_id, m.grid_code, m.description, m.lead_department, m.closed_at,
			       m.satisfaction, m.reporter_name, m.reporter_phone,
			       (select e.note from matter_event e where e.matter_id = m.id and e.kind = 'HANDLED'
			         order by e.id desc limit 1) as handling,
			       (select e.resolved from matter_event e where e.matter_id = m.id and e.resolved is not null
			         order by e.id desc limit 1) as resolved
			from matter m
			""";

	private final JdbcClient jdbc;

	private final Directory directory;

	CaseRecords(JdbcClient jdbc, Directory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/** Closed matters with ids above {@code after}, in id order, at most {@code limit}: the rebuild's pages. */
	List<CaseIndex.Case> closedAfter(long after, int limit) {
		var rows = jdbc.sql(MATTERS + " where m.closed_at is not null and m.id > :after order by m.id limit :limit")
			.param("after", after).param("limit", limit).query(this::matter).list();
		return withCoDepartments(rows);
	}

	/** Matters closed at or after a time: what the index takes on each refresh. */
	List<CaseIndex.Case> closedSince(Instant since) {
		return withCoDepartments(jdbc.sql(MATTERS + " where m.closed_at >= :since order by m.closed_at")
			.param("since", Timestamp.from(since)).query(this::matter).list());
	}

	/** One closed matter, by tracking number. */
	java.util.Optional<CaseIndex.Case> closed(String trackingNo) {
		return withCoDepartments(jdbc.sql(MATTERS + " where m.closed_at is not null and m.tracking_no = :no")
			.param("no", trackingNo).query(this::matter).list()).stream().findFirst();
	}

	/** Typical cases written at or after a time, in id order. */
	List<CaseIndex.Case> typicalSince(Instant since) {
		return jdbc.sql("""
				select t.*, m.tracking_no from typical_case t left join matter m on m.id = t.matter_id
				where t.created_at >= :since order by t.id""").param("since", Timestamp.from(since)).query(this::typical).list();
	}

	private CaseIndex.Case matter(ResultSet row, int number) throws SQLException {
		String name = row.getString("reporter_name");
		String phone = row.getString("reporter_phone");
		Object resolved = row.getObject("resolved");
		String outcome = resolved == null ? null : Boolean.TRUE.equals(resolved) || "true".equals(String.valueOf(resolved)) ? "已解决" : "未解决";
		String unit = row.getString("unit_id");
		String lead = row.getString("lead_department");
		return new CaseIndex.Case(CaseIndex.MATTER + ":" + row.getLong("id"), CaseIndex.MATTER, row.getString("tracking_no"), null,
				row.getString("category"), unit, townOf(unit), row.getString("grid_code"), lead == null ? List.of() : List.of(lead),
				redact(row.getString("description"), name, phone), redact(row.getString("handling"), name, phone), null, outcome,
				row.getString("satisfaction"), instant(row.getTimestamp("closed_at")));
	}

	private CaseIndex.Case typical(ResultSet row, int number) throws SQLException {
		String unit = row.getString("unit_id");
		return new CaseIndex.Case(CaseIndex.TYPICAL + ":" + row.getLong("id"), CaseIndex.TYPICAL, row.getString("tracking_no"),
				redact(row.getString("title"), null, null), row.getString("category"), unit, townOf(unit), row.getString("grid_code"),
				List.of(), redact(row.getString("description"), null, null), redact(row.getString("strategy"), null, null),
				redact(row.getString("regulations"), null, null), "典型案例", null, instant(row.getTimestamp("created_at")));
	}

	/** The co-handling departments join the lead: each of them may look the case up. */
	private List<CaseIndex.Case> withCoDepartments(List<CaseIndex.Case> cases) {
		if (cases.isEmpty()) {
			return cases;
		}
		Map<Long, List<String>> co = new HashMap<>();
		var ids = cases.stream().map(found -> Long.parseLong(found.id().substring(CaseIndex.MATTER.length() + 1))).toList();
		jdbc.sql("select matter_id, department from matter_co_department where matter_id in (:ids)").param("ids", ids)
			.query((row, number) -> co.computeIfAbsent(row.getLong(1), id -> new ArrayList<>()).add(row.getString(2))).list();
		return cases.stream().map(found -> {
			var more = co.get(Long.parseLong(found.id().substring(CaseIndex.MATTER.length() + 1)));
			if (more == null) {
				return found;
			}
			var departments = new ArrayList<>(found.departments());
			departments.addAll(more);
			return new CaseIndex.Case(found.id(), found.kind(), found.trackingNo(), found.title(), found.category(), found.unit(),
					found.town(), found.grid(), departments, found.description(), found.handling(), found.regulations(),
					found.outcome(), found.satisfaction(), found.closedAt());
		}).toList();
	}

	private String townOf(String unitId) {
		return directory.unit(unitId).map(Unit::townId).orElse(null);
	}

	/** A text without the reporter's name and phone and without any phone or identity card number. */
	static String redact(String text, String name, String phone) {
		if (text == null) {
			return null;
		}
		String redacted = plainDigits(text);
		if (phone != null && !phone.isBlank()) {
			redacted = redacted.replace(phone, "***");
		}
		if (name != null && name.strip().length() >= 2) {
			redacted = redacted.replace(name.strip(), "**");
		}
		return NUMBERS.matcher(redacted).replaceAll("***");
	}

	/** Full-width digits, plus sign and spaces as their plain forms, so that a number written with them is found too. */
	private static String plainDigits(String text) {
		var plain = new StringBuilder(text.length());
		text.codePoints().forEach(c -> plain.appendCodePoint(c >= '０' && c <= '９' ? c - '０' + '0' : c == '＋' ? '+' : c == '\u3000' ? ' ' : c));
		return plain.toString();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
