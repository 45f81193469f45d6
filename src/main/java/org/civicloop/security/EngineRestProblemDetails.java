package org.civicloop.security;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.civicloop.organization.Roles;
import org.civicloop.organization.Caller;

/**
 * Turns the engine REST API's errors ({@code {"type","message","code"}}) into RFC 9457 problem details —
 * on {@code /engine-rest} and on the webapps' own copy of it under {@code /camunda/api/engine} — titled by
 * their HTTP status, never by an engine class, and keeps database internals out of them: a message that carries SQL or a MyBatis trace is replaced.
 * A lost race (two cadres completing one task at once) is a 409 Conflict, whichever way the engine noticed it —
 * but only to a caller the task was offered to: to anybody else, working a task they never had is a 404,
 * whether the task exists, existed or never did.
 */
class EngineRestProblemDetails extends OncePerRequestFilter {

	private static final Pattern INTERNALS = Pattern.compile("(?is).*(### |\\bSQL|jdbc|ibatis|Exception:|\\.java:|org\\.camunda\\.|java\\.lang\\.).*");

	/** A task, or anything done to or read of one. */
	private static final Pattern TASK_WORK = Pattern.compile(".*/task/([^/]+)(/.*)?$");

	/** The engine REST API's error type of a deployment refused by the variant guardrails (the variants module's exception). */
	private static final String GUARDRAILS = "GuardrailViolations";

	/** How the engine refuses a password its policy does not allow. */
	private static final String WEAK_PASSWORD = "Password does not match policy";

	private final ObjectMapper json = new ObjectMapper();

	private final TaskService tasks;

	private final HistoryService history;

	EngineRestProblemDetails(TaskService tasks, HistoryService history) {
		this.tasks = tasks;
		this.history = history;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var wrapper = new ErrorHoldingResponse(response);
		chain.doFilter(request, wrapper);
		wrapper.finish();
		if (!wrapper.isHeld() || response.isCommitted()) {
			return;
		}
		int status = wrapper.getStatus();
		if ("application/problem+json".equals(wrapper.getContentType())) {
			response.setStatus(status);
			response.getOutputStream().write(wrapper.heldBody());
			return;
		}
		Map<?, ?> error = engineError(wrapper);
		String engineType = error == null ? "" : String.valueOf(error.get("type"));
		String message = error == null ? wrapper.errorMessage() : String.valueOf(error.get("message"));
		var taskWork = TASK_WORK.matcher(request.getRequestURI());
		String taskId = taskWork.matches() ? taskWork.group(1) : null;
		if (request.getAttribute(RequestSizeLimitFilter.TOO_LARGE) instanceof Long limit) {
			status = 413;
			message = "The request body is larger than the " + limit + " bytes accepted";
		}
		else if (taskId != null && (status == 403 || status == 404 || status == 500) && !mayWork(request, taskId)) {
			// a task the caller never had to work: whether it exists, or did, is none of their business
			status = 404;
			message = "No task " + taskId + " that you may work on";
		}
		else if (lostARace(request, taskId, status, engineType, message)) {
			status = 409;
			message = "Someone else completed or changed this at the same moment; nothing was done twice. Reload and look again";
		}
		else if (message != null && message.startsWith(WEAK_PASSWORD)) {
			status = 400; // the engine's answer to a password its policy refuses is a 500; it is the caller's input
			message = "The password does not meet the password policy (GET /engine-rest/identity/password-policy): at least "
					+ "10 characters with upper and lower case, a digit and a special character, not the account's id or name";
		}
		else if (status == 400 && GUARDRAILS.equals(engineType) && message != null) {
			// the guardrails quote the deployer's own model back to them: worth showing whole
		}
		else if (message == null || status >= 500 || INTERNALS.matcher(message).matches()) {
			message = status >= 500 ? "The engine could not complete the request" : "The request is not valid for this endpoint";
		}
		// the webapps show an error's "message"; the title is the status's, never an engine class name
		Problems.write(response, status, HttpStatusTitles.of(status), message, Map.of("message", message));
	}

	/**
	 * Whether the request lost a race for the same thing: the engine's optimistic lock caught it, or it
	 * tried to work a task that someone completed in the meantime (then the engine answers "no such task",
	 * or, when the task's grants went with it, 403).
	 */
	private boolean lostARace(HttpServletRequest request, String taskId, int status, String engineType, String message) {
		if (engineType.equals("OptimisticLockingException") || (message != null && message.contains("ENGINE-03005"))) {
			return true;
		}
		if (taskId == null || "GET".equals(request.getMethod()) || (status != 403 && status != 404 && status != 500)) {
			return false;
		}
		// outside the engine REST authentication filter: this look-up is not limited by the caller's grants
		return tasks.createTaskQuery().taskId(taskId).count() == 0 && historyKnowsTask(taskId);
	}

	/**
	 * Whether the caller is, or was, one the task was offered or assigned to: the engine's history of the task
	 * names them as its assignee, or its candidate links name them or one of their groups.
	 */
	private boolean mayWork(HttpServletRequest request, String taskId) {
		Caller caller = callerOf(request);
		if (caller == null) {
			return false;
		}
		if (caller.inAny(Roles.ADMIN)) {
			return true;
		}
		var task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
		if (task != null && caller.user().equals(task.getAssignee())) {
			return true;
		}
		return history.createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream()
			.anyMatch(link -> caller.user().equals(link.getUserId()) || (link.getGroupId() != null && caller.groups().contains(link.getGroupId())));
	}

	/** Who called: from the engine REST authentication, or from the webapps' session. */
	private static Caller callerOf(HttpServletRequest request) {
		if (request.getAttribute(EngineRestAuthentication.CALLER) instanceof AccountCheck.Login login) {
			return new Caller(login.user(), java.util.Set.copyOf(login.groups()));
		}
		var session = request.getSession(false);
		var authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
		var authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine("default");
		if (authentication instanceof UserAuthentication user) {
			return new Caller(user.getIdentityId(), user.getGroupIds() == null ? java.util.Set.of() : java.util.Set.copyOf(user.getGroupIds()));
		}
		return null;
	}

	private boolean historyKnowsTask(String taskId) {
		return history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
	}

	private Map<?, ?> engineError(ErrorHoldingResponse wrapper) {
		String type = wrapper.getContentType();
		byte[] body = wrapper.heldBody();
		if (type == null || !type.startsWith("application/json") || body.length == 0) {
			return null;
		}
		try {
			return json.readValue(body, Map.class);
		}
		catch (IOException notAnEngineError) {
			return null;
		}
	}

	/** Titles for errors that come without the engine's JSON body. */
	private static final class HttpStatusTitles {

		static String of(int status) {
			var known = org.springframework.http.HttpStatus.resolve(status);
			return known == null ? "Error" : known.getReasonPhrase();
		}

	}

}
