package org.civicloop.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The years of holidays and make-up working days the calendar knows, kept in the database so every node counts alike. */
@Repository
class CalendarYears {

	private final JdbcClient jdbc;

	CalendarYears(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every stored year with its days, in order. */
	List<CalendarYear> all() {
		var off = new LinkedHashMap<Integer, List<CalendarYear.Holiday>>();
		var worked = new LinkedHashMap<Integer, List<CalendarYear.WorkedDay>>();
		for (int year : jdbc.sql("select year_number from calendar_year order by year_number").query(Integer.class).list()) {
			off.put(year, new ArrayList<>());
			worked.put(year, new ArrayList<>());
		}
		jdbc.sql("select year_number, kind, name, first_day, last_day from calendar_entry order by year_number, first_day")
			.query((rs, row) -> {
				int year = rs.getInt("year_number");
				LocalDate first = rs.getDate("first_day").toLocalDate();
				if ("off".equals(rs.getString("kind"))) {
					off.get(year).add(new CalendarYear.Holiday(rs.getString("name"), first, rs.getDate("last_day").toLocalDate()));
				}
				else {
					worked.get(year).add(new CalendarYear.WorkedDay(rs.getString("name"), first));
				}
				return year;
			})
			.list();
		return off.keySet().stream().map(year -> new CalendarYear(year, off.get(year), worked.get(year))).toList();
	}

	/** Who last set each stored year, and from where. */
	List<Stored> stored() {
		return jdbc.sql("select year_number, source, updated_at, updated_by from calendar_year order by year_number")
			.query((rs, row) -> new Stored(rs.getInt("year_number"), rs.getString("source"), rs.getTimestamp("updated_at").toInstant(),
					rs.getString("updated_by")))
			.list();
	}

	/** What changes whenever any year is stored: a node reloads when it differs from what it read last. */
	String version() {
		return jdbc.sql("select count(*), max(updated_at) from calendar_year")
			.query((rs, row) -> rs.getLong(1) + "/" + rs.getTimestamp(2)).single();
	}

	/** Stores a year in place of what was stored for it. */
	@Transactional
	void put(CalendarYear year, String by, String source, Instant at) {
		int updated = jdbc.sql("update calendar_year set source = :source, updated_at = :at, updated_by = :by where year_number = :year")
			.param("source", source).param("at", Timestamp.from(at)).param("by", by).param("year", year.year()).update();
		if (updated == 0) {
			insertYear(year, by, source, at);
		}
		jdbc.sql("delete from calendar_entry where year_number = :year").param("year", year.year()).update();
		insertEntries(year);
	}

	/** Stores a year the database does not hold yet; false when it does (another node may have just loaded it). */
	@Transactional
	boolean addIfAbsent(CalendarYear year, String by, String source, Instant at) {
		if (jdbc.sql("select count(*) from calendar_year where year_number = :year").param("year", year.year()).query(Integer.class).single() > 0) {
			return false;
		}
		try {
			insertYear(year, by, source, at);
		}
		catch (DuplicateKeyException loadedMeanwhile) {
			return false;
		}
		insertEntries(year);
		return true;
	}

	private void insertYear(CalendarYear year, String by, String source, Instant at) {
		jdbc.sql("insert into calendar_year (year_number, source, updated_at, updated_by) values (:year, :source, :at, :by)")
			.param("year", year.year()).param("source", source).param("at", Timestamp.from(at)).param("by", by).update();
	}

	private void insertEntries(CalendarYear year) {
		for (var holiday : year.off()) {
			insertEntry(year.year(), "off", holiday.name(), holiday.from(), holiday.to());
		}
		for (var day : year.worked()) {
			insertEntry(year.year(), "worked", day.name(), day.date(), day.date());
		}
	}

	private void insertEntry(int year, String kind, String name, LocalDate first, LocalDate last) {
		jdbc.sql("insert into calendar_entry (year_number, kind, name, first_day, last_day) values (:year, :kind, :name, :first, :last)")
			.param("year", year).param("kind", kind).param("name", name).param("first", java.sql.Date.valueOf(first))
			.param("last", java.sql.Date.valueOf(last)).update();
	}

	/** A stored year: where its data came from ({@code shipped}, a file, {@code api}), when and by whom. */
	record Stored(int year, String source, Instant updatedAt, String updatedBy) {
	}

}
