package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Gives every co-handling department named in {@code matter.co_departments} its row in {@code matter_co_department}. */
public class V10__MatterCoDepartmentRows extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		var connection = context.getConnection();
		try (Statement select = connection.createStatement();
				ResultSet matters = select.executeQuery("select id, co_departments from matter where co_departments <> ''");
				PreparedStatement insert = connection.prepareStatement(
						"insert into matter_co_department (matter_id, department) values (?, ?)")) {
			while (matters.next()) {
				for (String department : new java.util.TreeSet<>(java.util.List.of(matters.getString(2).split(",")))) {
					if (!department.isBlank()) {
						insert.setLong(1, matters.getLong(1));
						insert.setString(2, department.strip());
						insert.addBatch();
					}
				}
			}
			insert.executeBatch();
		}
	}

}
