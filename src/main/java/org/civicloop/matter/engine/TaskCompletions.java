package org.civicloop.matter.engine;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;

import static org.civicloop.matter.model.MatterHandling.Vars.LEAD_DEPARTMENT;

/**
 * Every completion of a matter's task, checked before the engine acts on it, however it arrives (Tasklist's
 * submit-form, {@code /engine-rest/task/{id}/complete}, the Java API): the cadre may enter the inputs of the
 * task's own stage — for a step of a unit's own, the fields of its form — and nothing else (403), each entry
 * as its form allows it (400). A re-dispatch names a department, town office or village committee. A BPMN
 * error or escalation thrown at a matter's task is refused: it would end or divert the matter past its stages.
 *
 * <p>The engine asks its command checkers about every task a command works; this is one of them, answering
 * for the completions only. What a completion may set is then passed on to {@link MatterVariables}, which
 * lets exactly those writes through.
 */
final class TaskCompletions implements InvocationHandler {

	private final MatterVariables variables;

	private final TaskForms forms;

	private final Directory directory;

	private TaskCompletions(MatterVariables variables, TaskForms forms, Directory directory) {
		this.variables = variables;
		this.forms = forms;
		this.directory = directory;
	}

	/** The checker the engine calls, answering {@code checkTaskWork} and letting every other check pass. */
	static CommandChecker checker(MatterVariables variables, TaskForms forms, Directory directory) {
		return (CommandChecker) Proxy.newProxyInstance(TaskCompletions.class.getClassLoader(), new Class<?>[] { CommandChecker.class },
				new TaskCompletions(variables, forms, directory));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] arguments) {
		if (method.getName().equals("checkTaskWork") && arguments != null && arguments[0] instanceof TaskEntity task) {
			check(task);
		}
		else if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == arguments[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "TaskCompletions";
			};
		}
		return null;
	}

	private void check(TaskEntity task) {
		var command = Context.getCommandInvocationContext().getCommand();
		if (MatterVariables.isApplication() || !variables.isMatter(task.getProcessDefinitionId())) {
			return;
		}
		if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
			throw new AuthorizationException("A matter's task is done by completing it with its form; a BPMN error or "
					+ "escalation thrown at " + task.getName() + " (" + task.getTaskDefinitionKey() + ") would end or divert the matter");
		}
		Map<String, Object> input = input(command);
		if (input == null) {
			return;
		}
		var fields = forms.inputs(task);
		Set<String> inputs = inputsOf(TaskEvents.stageOf(task), fields.keySet());
		var refused = new TreeSet<>(input.keySet());
		refused.removeAll(inputs);
		if (!refused.isEmpty()) {
			throw new AuthorizationException("Completing " + task.getName() + " (" + task.getTaskDefinitionKey()
					+ ") takes only " + new TreeSet<>(inputs) + "; not " + refused);
		}
		var problems = new TreeMap<String, String>();
		for (var field : fields.values()) {
			if (inputs.contains(field.key())) {
				String problem = field.problem(value(input.get(field.key())));
				if (problem != null) {
					problems.put(field.key(), problem);
				}
			}
		}
		if (MatterHandling.Stages.REDISPATCH.equals(TaskEvents.stageOf(task)) && input.get(LEAD_DEPARTMENT) != null
				&& !directory.isHandlingGroup(String.valueOf(value(input.get(LEAD_DEPARTMENT))))) {
			problems.put(LEAD_DEPARTMENT, "must be a department, town office or village committee");
		}
		if (!problems.isEmpty()) {
			throw new FormFieldValidationException(problems.keySet(), "Some fields are missing or wrong: " + problems);
		}
		variables.completing(task.getProcessInstanceId(), inputs);
	}

	/**
	 * What a stage's cadre enters: the inputs of its stage, or, for a step of a unit's own, the fields of its
	 * form but for the variables the application keeps and the inputs of the stages.
	 */
	public static Set<String> inputsOf(String stage, Set<String> formFields) {
		var stageInputs = MatterHandling.STAGE_INPUTS.get(stage);
		if (stageInputs != null) {
			return stageInputs;
		}
		var own = new HashSet<>(formFields);
		own.removeAll(MatterVariables.KNOWN);
		return own;
	}

	private static Object value(Object value) {
		return value instanceof TypedValue typed ? typed.getValue() : value;
	}

	/** Where the engine's completion commands keep the variables they carry. */
	private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");

	private static final Field SUBMITTED_FIELDS = field(SubmitTaskFormCmd.class, "properties");

	/** The variables a completion command carries; {@code null} for any other command. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> input(Command<?> command) {
		Field carried = command instanceof CompleteTaskCmd ? COMPLETE_VARIABLES : command instanceof SubmitTaskFormCmd ? SUBMITTED_FIELDS : null;
		if (carried == null) {
			return null;
		}
		try {
			Map<String, Object> values = (Map<String, Object>) carried.get(command);
			return values == null ? Map.of() : values;
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Field field(Class<?> command, String name) {
		try {
			Field field = command.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("This engine's " + command.getSimpleName() + " keeps its variables elsewhere than "
					+ name + "; TaskCompletions must follow it", ex);
		}
	}

}
