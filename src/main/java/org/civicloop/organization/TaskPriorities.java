package org.civicloop.organization;

/**
 * The task priorities that mark a deadline, which the Tasklist filters select and sort by: a warned task
 * (黄灯) and an overdue one (红灯) sort before the rest, whose priority stays Camunda's default of 50.
 */
public final class TaskPriorities {

	/** Most of the limit has passed: the task shows under 即将超期. */
	public static final int WARNED = 75;

	/** The limit has passed: the task also shows under 已超期. */
	public static final int URGED = 100;

	private TaskPriorities() {
	}

}
