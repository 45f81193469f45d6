package org.civicloop.matter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.civicloop.matter.model.MatterHandling;
import org.civicloop.system.BeforeCommit;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The matter records, in CivicLoop's own table beside the engine's. A step changes its matter's row several times
 * (registration: the tracking number, the process, the departments, the first stage; a return visit: the rating,
 * the closing); inside a transaction the changes are gathered and written as one update of the row just before it
 * commits — the table has an index for every filter of the staff list, and each update of an indexed column writes
 * a new entry in each. The row is locked at the step's first change all the same ({@code select ... for update}),
 * so two steps on one matter still wait for each other there (a citizen's evaluation and the return visit, two
 * evaluations at once). Every read of this class writes what the transaction gathered first.
 */
@Repository
public class Matters {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

	private static final String PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private final JdbcClient jdbc;

	private final MatterProperties properties;

	public Matters(JdbcClient jdbc, MatterProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Stores a new matter and gives it its tracking number (CL, the local date, the record number) and its
	 * public id (random).
	 */
	public Matter add(NewMatter matter, Instant at, String registeredBy) {
		var keys = new GeneratedKeyHolder();
		String publicId = newPublicId();
		jdbc.sql("""
				insert into matter (channel, matter_type, category, urgency, description, unit_id, address, grid_code,
				                    reporter_name, reporter_phone, stage, registered_at, latitude, longitude,
				                    registered_by, operator_id, attachments, public_id)
				values (:channel, :type, :category, :urgency, :description, :unit, :address, :grid,
				        :name, :phone, 'registered', :at, :latitude, :longitude, :registeredBy, :operator, :attachments, :publicId)""")
			.param("channel", matter.channel())
			.param("type", matter.matterType())
			.param("category", matter.category())
			.param("urgency", matter.urgency())
			.param("description", matter.description())
			.param("unit", matter.unitId())
			.param("address", matter.address())
			.param("grid", matter.gridCode())
			.param("name", matter.reporter().name())
			.param("phone", matter.reporter().phone())
			.param("at", Timestamp.from(at))
			.param("latitude", matter.latitude())
			.param("longitude", matter.longitude())
			.param("registeredBy", registeredBy)
			.param("operator", matter.operatorId())
			.param("attachments", matter.attachments().isEmpty() ? null : String.join("\n", matter.attachments()))
			.param("publicId", publicId)
			.update(keys, "id");
		long id = keys.getKey().longValue();
		String trackingNo = "CL" + DAY.format(at.atZone(properties.zone())) + String.format("%06d", id);
		Pending pending = BeforeCommit.of(Pending.class, Pending::new);
		if (pending != null) {
			pending.inserted.add(id);
		}
		change(id, row -> row.set("tracking_no", trackingNo));
		return new Matter(id, trackingNo, publicId, null, matter, registeredBy, Matter.Progress.registered(at));
	}

	/** Twelve characters of an unambiguous alphabet (about 58 random bits): unguessable, short enough to read out. */
	static String newPublicId() {
		byte[] random = new byte[12];
		RANDOM.nextBytes(random);
		char[] id = new char[random.length];
		for (int i = 0; i < id.length; i++) {
			id[i] = PUBLIC_ID_ALPHABET.charAt(Math.floorMod(random[i], PUBLIC_ID_ALPHABET.length()));
		}
		return new String(id);
	}

	/** Gives the records made before public ids existed one each. */
	int fillPublicIds() {
		writePending();
		var missing = jdbc.sql("select id from matter where public_id is null").query(Long.class).list();
		missing.forEach(id -> jdbc.sql("update matter set public_id = :publicId where id = :id")
			.param("publicId", newPublicId()).param("id", id).update());
		return missing.size();
	}

	public Optional<Matter> byPublicId(String publicId) {
		writePending();
		return jdbc.sql("select * from matter where public_id = :id").param("id", publicId).query(Matters::map).optional();
	}

	public Optional<Matter> byId(long id) {
		writePending();
		return jdbc.sql("select * from matter where id = :id").param("id", id).query(Matters::map).optional();
	}

	public Optional<Matter> byTrackingNo(String trackingNo) {
		writePending();
		return jdbc.sql("select * from matter where tracking_no = :no").param("no", trackingNo).query(Matters::map)
			.optional();
	}

	public long count() {
		writePending();
		return jdbc.sql("select count(*) from matter").query(Long.class).single();
	}

	/**
	 * Matters for a public listing: by public ids, or by category, registration time and open/closed.
	 * @param open true for open only, false for closed only, null for both
	 */
	public java.util.List<Matter> search(java.util.Collection<String> publicIds, String category, Instant from,
			Instant to, Boolean open, int limit) {
		var where = new java.util.ArrayList<String>();
		var params = new java.util.HashMap<String, Object>();
		if (publicIds != null && !publicIds.isEmpty()) {
			where.add("public_id in (:ids)");
			params.put("ids", publicIds);
		}
		else {
			where.add("registered_at >= :from and registered_at < :to");
			params.put("from", Timestamp.from(from));
			params.put("to", Timestamp.from(to));
			if (category != null) {
				where.add("category = :category");
				params.put("category", category);
			}
			if (open != null) {
				where.add(open ? "closed_at is null" : "closed_at is not null");
			}
		}
		params.put("limit", limit);
		writePending();
		return jdbc.sql("select * from matter where " + String.join(" and ", where)
				+ " order by registered_at desc, id desc limit :limit").params(params).query(Matters::map).list();
	}

	/** Claims a record for its process: true once, false when another process already has it. */
	public boolean startedAs(long id, String processInstanceId) {
		Pending pending = BeforeCommit.current(Pending.class);
		if (pending != null && pending.inserted.contains(id) && pending.started.add(id)) {
			// stored by this transaction and not yet committed: no other process can have claimed it
			change(id, row -> row.set("process_instance_id", processInstanceId));
			return true;
		}
		writePending();
		return jdbc.sql("update matter set process_instance_id = :pi where id = :id and process_instance_id is null")
			.param("pi", processInstanceId).param("id", id).update() == 1;
	}

	/** The step the matter waits at now, and its due date (none when the step has none). */
	public void movedTo(long id, String stage, Instant due) {
		change(id, row -> row.set("stage", stage).set("due_at", timestamp(due)));
	}

	/** The handling limit moved to {@code due} by an extension the dispatch centre granted. */
	public void extended(long id, Instant due) {
		change(id, row -> {
			row.set("due_at", timestamp(due));
			row.extensions++;
		});
	}

	/** The departments that handle the matter now: the lead and any co-handling ones. */
	public void handledBy(long id, String lead, java.util.List<String> coDepartments) {
		change(id, row -> {
			row.set("lead_department", lead).set("co_departments", String.join(",", coDepartments));
			row.coDepartments = new java.util.TreeSet<>(coDepartments);
		});
	}

	/** A new lead after re-dispatch; the co-handling departments stay. */
	public void ledBy(long id, String department) {
		change(id, row -> {
			row.set("lead_department", department);
			row.newLead = true;
		});
	}

	public void rated(long id, String satisfaction) {
		change(id, row -> row.set("satisfaction", satisfaction));
	}

	public void closed(long id, Instant at, String satisfaction) {
		change(id, row -> row.set("stage", MatterHandling.Stages.CLOSED).set("closed_at", timestamp(at)).set("due_at", null)
			.set("satisfaction", satisfaction));
	}

	/** Gathers a change of a row in this transaction's {@link Pending}, or writes it at once outside a transaction. */
	private void change(long id, java.util.function.Consumer<Row> change) {
		Pending pending = BeforeCommit.of(Pending.class, Pending::new);
		if (pending == null) {
			Row row = new Row();
			change.accept(row);
			write(id, row);
			return;
		}
		if (!pending.inserted.contains(id) && pending.locked.add(id)) { // a row it stored, it holds already
			jdbc.sql("select id from matter where id = :id for update").param("id", id).query(Long.class).optional();
		}
		change.accept(pending.rows.computeIfAbsent(id, key -> new Row()));
		pending.gathered();
	}

	/** Writes what this transaction gathered, so that a read sees it. */
	private static void writePending() {
		BeforeCommit.writeGathered(Pending.class);
	}

	private void write(long id, Row row) {
		if (!row.columns.isEmpty() || row.extensions > 0) {
			var sets = new java.util.ArrayList<String>();
			var params = new MapSqlParameterSource("id", id).addValue("extensions", row.extensions);
			row.columns.forEach((column, value) -> {
				sets.add(column + " = :" + column);
				params.addValue(column, value, column.endsWith("_at") ? Types.TIMESTAMP : Types.VARCHAR);
			});
			if (row.extensions > 0) {
				sets.add("extensions = extensions + :extensions");
			}
			jdbc.sql("update matter set " + String.join(", ", sets) + " where id = :id").paramSource(params).update();
		}
		if (row.coDepartments != null) {
			jdbc.sql("delete from matter_co_department where matter_id = :id").param("id", id).update();
			for (String department : row.coDepartments) {
				jdbc.sql("insert into matter_co_department (matter_id, department, lead_department, unit_id, registered_at)"
						+ " select id, :dept, lead_department, unit_id, registered_at from matter where id = :id")
					.param("id", id).param("dept", department).update();
			}
		}
		else if (row.newLead) {
			jdbc.sql("update matter_co_department set lead_department = :dept where matter_id = :id")
				.param("dept", row.columns.get("lead_department")).param("id", id).update();
		}
	}

	/** The changes of one row gathered in a transaction: columns by name (this class's own), and what follows them. */
	private static final class Row {

		private final java.util.Map<String, Object> columns = new java.util.LinkedHashMap<>();

		private int extensions;

		/** The co-handling departments' rows, written anew. */
		private java.util.SortedSet<String> coDepartments;

		/** The co-handling rows take the new lead. */
		private boolean newLead;

		Row set(String column, Object value) {
			columns.put(column, value);
			return this;
		}

	}

	/** The rows a transaction changed, by id, in the order first changed, and which rows it holds. */
	private final class Pending extends BeforeCommit {

		private final java.util.Map<Long, Row> rows = new java.util.LinkedHashMap<>();

		/** Rows this transaction has locked. */
		private final java.util.Set<Long> locked = new java.util.HashSet<>();

		/** Rows this transaction stored. */
		private final java.util.Set<Long> inserted = new java.util.HashSet<>();

		/** Stored rows this transaction has given their process. */
		private final java.util.Set<Long> started = new java.util.HashSet<>();

		@Override
		protected void write() {
			var written = new java.util.ArrayList<>(rows.entrySet());
			rows.clear();
			written.forEach(row -> Matters.this.write(row.getKey(), row.getValue()));
		}

	}

	private static Timestamp timestamp(Instant at) {
		return at == null ? null : Timestamp.from(at);
	}

	private static java.util.List<String> split(String list, String separator) {
		return list == null || list.isBlank() ? java.util.List.of() : java.util.List.of(list.split(separator));
	}

	public static Matter map(ResultSet rs, int row) throws SQLException {
		var report = new NewMatter(rs.getString("channel"), rs.getString("matter_type"), rs.getString("category"),
				rs.getString("urgency"), rs.getString("description"), rs.getString("unit_id"), rs.getString("address"),
				rs.getString("grid_code"), new Contact(rs.getString("reporter_name"), rs.getString("reporter_phone")),
				(Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"), rs.getString("operator_id"),
				split(rs.getString("attachments"), "\n"));
		var progress = new Matter.Progress(rs.getString("stage"), rs.getString("lead_department"),
				split(rs.getString("co_departments"), ","), instant(rs.getTimestamp("registered_at")),
				instant(rs.getTimestamp("due_at")), instant(rs.getTimestamp("closed_at")), rs.getString("satisfaction"),
				rs.getInt("extensions"));
		return new Matter(rs.getLong("id"), rs.getString("tracking_no"), rs.getString("public_id"),
				rs.getString("process_instance_id"), report, rs.getString("registered_by"), progress);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
