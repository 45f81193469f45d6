package org.civicloop.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters every cadre starts from, one per kind of work, created at start when
 * missing (found by name, so an administrator's edits to a filter are kept).
 *
 * <p>They are written with Tasklist's own expressions ({@code currentUser()}, {@code currentUserGroups()},
 * {@code now()}), so the same filter shows each cadre the work of their own department.
 */
@Component
@Order(20)
class TasklistFilters implements ApplicationRunner {

	static final String MY_GROUPS = "${currentUserGroups()}";

	private final FilterService filters;

	private final TaskService tasks;

	TasklistFilters(FilterService filters, TaskService tasks) {
		this.filters = filters;
		this.tasks = tasks;
	}

	@Override
	public void run(ApplicationArguments args) {
		ensure("待签收 — 本部门", "Matters routed to my department, waiting to be signed for or returned; overdue and warned first", -10,
				"#d9534f", tasks.createTaskQuery().taskDefinitionKey("task_signFor").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByTaskPriority().desc().orderByDueDate().asc());
		ensure("办理中 — 我的", "Matters I signed for and handle, and every task I claimed; overdue and warned first", -9, "#f0ad4e",
				tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByTaskPriority().desc().orderByDueDate().asc());
		ensure("协办 — 本部门", "Co-handling requests for my department", -8, "#5bc0de",
				tasks.createTaskQuery().taskDefinitionKey("task_coHandle").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByDueDate().asc());
		ensure("即将超期", "My own and my department's tasks whose warning (黄灯) fired, not yet past their due date", -7, "#e0a800",
				tasks.createTaskQuery().or().taskAssigneeExpression("${currentUser()}")
					.taskCandidateGroupInExpression(MY_GROUPS).endOr().taskMinPriority(TaskPriorities.WARNED)
					.dueAfterExpression("${now()}").orderByDueDate().asc());
		ensure("已超期", "My own and my department's tasks past their due date", -7, "#a94442",
				tasks.createTaskQuery().or().taskAssigneeExpression("${currentUser()}")
					.taskCandidateGroupInExpression(MY_GROUPS).endOr().dueBeforeExpression("${now()}")
					.orderByDueDate().asc());
		ensure("待改派", "Matters a department returned (退单): the dispatch centre re-dispatches them", -6, "#777777",
				tasks.createTaskQuery().taskDefinitionKey("task_redispatch").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByTaskCreateTime().asc());
		ensure("待审核报结", "Replies to review before the return visit", -5, "#337ab7",
				tasks.createTaskQuery().taskDefinitionKey("task_review").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByTaskCreateTime().asc());
		ensure("待回访", "Return visits: ask the citizen about satisfaction", -4, "#5cb85c",
				tasks.createTaskQuery().taskDefinitionKey("task_returnVisit").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByTaskCreateTime().asc());
		ensure("待审批延期", "Handlers' requests for more time (延期): approve or refuse", -3, "#8e44ad",
				tasks.createTaskQuery().taskDefinitionKey("task_approveExtension").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByTaskCreateTime().asc());
		ensure("待督办", "Matters still overdue after the grace (督办): urge again, set a new limit or escalate", -2, "#c0392b",
				tasks.createTaskQuery().taskDefinitionKeyIn("task_supervise", "task_superviseSignFor").taskCandidateGroupInExpression(MY_GROUPS)
					.orderByTaskCreateTime().asc());
	}

	/** Creates the filter, or gives an existing one of that name this version's query (a new task may have joined it). */
	private void ensure(String name, String description, int priority, String color, TaskQuery query) {
		var existing = filters.createFilterQuery().filterName(name).singleResult();
		if (existing != null) {
			filters.saveFilter(existing.setQuery(query));
			return;
		}
		var filter = filters.newTaskFilter(name);
		filter.setQuery(query);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("description", description);
		properties.put("priority", priority);
		properties.put("color", color);
		properties.put("refresh", true);
		properties.put("variables", List.of(column("trackingNo", "工单号"), column("categoryName", "分类"),
				column("unitName", "单位"), column("leadDepartmentName", "牵头部门")));
		filter.setProperties(properties);
		filters.saveFilter(filter);
	}

	private static Map<String, String> column(String name, String label) {
		return Map.of("name", name, "label", label);
	}

}
