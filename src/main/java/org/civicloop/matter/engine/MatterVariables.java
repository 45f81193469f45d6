package org.civicloop.matter.engine;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.bpmn.delegate.ExecutionListenerInvocation;
import org.camunda.bpm.engine.impl.bpmn.delegate.JavaDelegateInvocation;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.task.delegate.TaskListenerInvocation;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.system.EngineSessions;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Who may change the variables of a matter's process. The process relies on them — which record it works
 * on, who leads, which tables it evaluates, what earlier stages decided — so they change only as the loop
 * says, whatever the entrance (engine REST, Tasklist, Cockpit, the Java API).
 *
 * <p>The engine reports every write of a variable here (through CivicLoop's history level, which sees each
 * one). A write by CivicLoop's own code — its delegates and listeners, or the application
 * ({@link #asApplication}) — passes. Inside a step of the engine anything else (a model's input/output
 * mapping, a message's payload) may write only variables the matter does not know ({@link #KNOWN}), and the
 * engine its own results. Any other write comes from outside, and:
 * <ul>
 * <li>a variable the application owns ({@link #OWNED}: the matter's identity, departments, unit, bindings,
 * due dates, counters) is refused at once;
 * <li>a completion checked by {@link TaskCompletions} sets the inputs of its task's stage (or of its form);
 * <li>any other is held until a step of the same command takes it: registration from a start form takes the
 * start form's fields;
 * <li>a write no step took refuses the whole command when it ends: setting variables without completing a
 * task, another stage's decision, a message or signal carrying variables. Nothing is changed.
 * </ul>
 * A matter is started from outside only through its start form: a plain start, with or without start
 * instructions, is refused. Refusals are {@link AuthorizationException}s, which every entrance answers with 403.
 */
@Component
public class MatterVariables extends AbstractProcessEnginePlugin {

	/** Variables the application writes and no caller may: every variable of the model but the inputs of people. */
	public static final Set<String> OWNED = owned();

	/**
	 * Variables every matter's process has: the application's own, the start form's and the stages' inputs.
	 * Inside a step of the engine only CivicLoop's code writes them; a model's own mappings may not.
	 */
	static final Set<String> KNOWN = known();

	/** What the engine itself writes in the county model's steps: the tables' results, each co-handling department. */
	private static final Set<String> ENGINE_WRITES = Set.of(ROUTING_DECISION, TIME_LIMITS, CO_DEPARTMENT);

	private static final ThreadLocal<Boolean> APPLICATION = ThreadLocal.withInitial(() -> false);

	/** How deep CivicLoop's own code (a delegate, a listener) is running inside the engine on this thread. */
	private static final ThreadLocal<int[]> OWN_CODE = ThreadLocal.withInitial(() -> new int[1]);

	private final Map<String, Boolean> matterDefinitions = new ConcurrentHashMap<>();

	private final TaskForms forms;

	private final Directory directory;

	MatterVariables(TaskForms forms, Directory directory) {
		this.forms = forms;
		this.directory = directory;
	}

	/** Runs work of the application itself (not on a caller's behalf): its variable writes are not checked. */
	public static <T> T asApplication(Supplier<T> work) {
		boolean outer = APPLICATION.get();
		APPLICATION.set(true);
		try {
			return work.get();
		}
		finally {
			APPLICATION.set(outer);
		}
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		EngineSessions.add(configuration, OutsideWrites.class, OutsideWrites::new);
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.getCommandCheckers().add(TaskCompletions.checker(this, forms, directory));
		DelegateInterceptor engines = configuration.getDelegateInterceptor();
		// Models may name only CivicLoop's delegates and declare no listeners (the guardrails), so every Java
		// delegate and listener the engine invokes is CivicLoop's own code.
		configuration.setDelegateInterceptor(invocation -> {
			boolean own = invocation instanceof JavaDelegateInvocation || invocation instanceof TaskListenerInvocation
					|| invocation instanceof ExecutionListenerInvocation;
			int[] depth = OWN_CODE.get();
			depth[0] += own ? 1 : 0;
			try {
				engines.handleInvocation(invocation);
			}
			finally {
				depth[0] -= own ? 1 : 0;
			}
		});
	}

	static boolean isApplication() {
		return APPLICATION.get();
	}

	/** A variable was created, changed or removed. Refuses it, holds it for a step to take, or lets it pass. */
	void written(VariableInstanceEntity variable) {
		if (APPLICATION.get() || OWN_CODE.get()[0] > 0 || Context.getCommandContext() == null
				|| !isMatter(variable.getProcessDefinitionId())) {
			return;
		}
		var command = Context.getCommandInvocationContext().getCommand();
		if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
			throw new AuthorizationException("A matter is registered through its start form (Tasklist) or POST /api/matters, "
					+ "which check it and give it its tracking number");
		}
		String caller = Context.getCommandContext().getAuthenticatedUserId();
		if (command instanceof SubmitStartFormCmd && variable.getName().equals(REGISTERED_BY)
				&& java.util.Objects.equals(caller, variable.getValue())) {
			return; // the engine names the cadre who starts a matter from its start form (camunda:initiator)
		}
		if (Context.getBpmnExecutionContext() != null) {
			// a step of the engine, not CivicLoop's code: a model's mapping, a result, a message's payload
			if (KNOWN.contains(variable.getName()) && !ENGINE_WRITES.contains(variable.getName())) {
				throw new AuthorizationException("Only CivicLoop's own steps write the variable " + variable.getName()
						+ " of a matter; a model's mapping or a message may not");
			}
			return;
		}
		String name = variable.getName();
		var writes = outsideWrites();
		if (writes.allows(variable.getProcessInstanceId(), name)) {
			return;
		}
		if (OWNED.contains(name)) {
			throw new AuthorizationException("The variable " + name + " of a matter is kept by CivicLoop; "
					+ (caller == null ? "a caller" : caller) + " may not set it");
		}
		writes.hold(variable.getProcessInstanceId(), name);
	}

	/** A completion {@link TaskCompletions} has checked may set these inputs of the task's process. */
	void completing(String processInstanceId, Set<String> inputs) {
		outsideWrites().allowed.computeIfAbsent(processInstanceId, id -> new HashSet<>()).addAll(inputs);
	}

	/**
	 * A step takes the variables a caller wrote for it: a task's completion its inputs, registration the
	 * start form's fields.
	 * @param step what the step is, for the message when it takes less than was written
	 */
	void taken(String processInstanceId, Set<String> inputs, String step) {
		if (Context.getCommandContext() != null) {
			outsideWrites().take(processInstanceId, inputs, step);
		}
	}

	private static OutsideWrites outsideWrites() {
		return Context.getCommandContext().getSession(OutsideWrites.class);
	}

	/** Whether a process definition is a matter's ({@code matter-handling}, county or unit variant). */
	boolean isMatter(String processDefinitionId) {
		if (processDefinitionId == null) {
			return false;
		}
		return matterDefinitions.computeIfAbsent(processDefinitionId, id -> MatterHandling.PROCESS_KEY.equals(
				Context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(id).getKey()));
	}

	private static Set<String> known() {
		var known = new TreeSet<>(OWNED);
		known.addAll(MatterHandling.START_INPUTS);
		MatterHandling.STAGE_INPUTS.values().forEach(known::addAll);
		return Set.copyOf(known);
	}

	private static Set<String> owned() {
		var owned = new TreeSet<String>();
		for (var field : MatterHandling.Vars.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				try {
					owned.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		owned.removeAll(MatterHandling.START_INPUTS);
		MatterHandling.STAGE_INPUTS.values().forEach(owned::removeAll);
		return Set.copyOf(owned);
	}

	/** What outside callers wrote in one engine command and no step has taken yet. */
	static final class OutsideWrites implements Session {

		private final Map<String, Set<String>> held = new LinkedHashMap<>();

		private final Map<String, String> steps = new LinkedHashMap<>();

		private final Map<String, Set<String>> allowed = new LinkedHashMap<>();

		boolean allows(String processInstanceId, String name) {
			return allowed.getOrDefault(processInstanceId, Set.of()).contains(name);
		}

		void hold(String processInstanceId, String name) {
			held.computeIfAbsent(processInstanceId, id -> new HashSet<>()).add(name);
		}

		void take(String processInstanceId, Set<String> inputs, String step) {
			var names = held.get(processInstanceId);
			if (names != null) {
				names.removeAll(inputs);
				if (names.isEmpty()) {
					held.remove(processInstanceId);
				}
				else {
					steps.put(processInstanceId, step + " takes only " + new TreeSet<>(inputs));
				}
			}
		}

		/** Before the command commits: what no step took refuses it. */
		@Override
		public void flush() {
			if (held.isEmpty()) {
				return;
			}
			var refused = new ArrayList<String>();
			held.forEach((instance, names) -> refused.add(String.join(", ", new TreeSet<>(names)) + " ("
					+ steps.getOrDefault(instance, "no task of the matter was completed with them") + ")"));
			held.clear();
			throw new AuthorizationException("A matter's variables change only through the fields of the task being "
					+ "completed or of the start form; refused: " + String.join("; ", refused));
		}

		@Override
		public void close() {
		}

	}

}
