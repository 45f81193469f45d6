package org.civicloop.organization;

/** The role groups of the directory that grants and checks refer to. */
public final class Roles {

	/** Camunda's administrator group: engine admins, past every authorisation and tenant check. */
	public static final String ADMIN = "camunda-admin";

	public static final String DESIGNERS = "designers";

	public static final String LEADERS = "leaders";

	public static final String OPERATORS = "operators";

	/** May deploy variants, only into the tenants of the unit groups they belong to. */
	public static final String UNIT_ADMINS = "unit-admins";

	public static final String INTAKE_SYSTEMS = "intake-systems";

	public static final String DISPATCH_CENTRE = "dispatch-centre";

	private Roles() {
	}

}
