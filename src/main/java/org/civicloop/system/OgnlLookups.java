package org.civicloop.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.ognl.enhance.ExpressionCompiler;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.stereotype.Component;

/**
 * What MyBatis' OGNL looks up again and again while it builds the engine's statements, remembered:
 * <ul>
 * <li>The engine's task query (Tasklist's list, the engine REST {@code GET /task}) names two properties of its
 * query object by their method names ({@code isOrQueryActive}, {@code isWithoutTenantId}). OGNL finds no getter
 * of that name, and then looks through every method of the query class, lower-casing each name, on every
 * evaluation — a class of some four hundred methods, evaluated several times per query: 4 % of the server's CPU
 * samples on the whole loop over HTTP (README, "Measured"). Here the method found is remembered per class and
 * name; every other property is read by OGNL's own accessor as before.
 * <li>The public interface OGNL looks each step of a property chain up on ({@link RememberedInterfaces}).
 * </ul>
 */
@Component
class OgnlLookups extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		OgnlRuntime.setPropertyAccessor(TaskQueryImpl.class, new RememberedReadMethods());
		OgnlRuntime.setCompiler(new RememberedInterfaces());
	}

	/**
	 * OGNL asks, for every step of a property chain such as {@code query.taskId} in every condition of every
	 * statement, which public interface of the object's class to look the property up on, and walks the class's
	 * interfaces anew each time (1 % of the server's samples on the whole loop over HTTP). The answer depends on the
	 * class alone, so it is remembered per class.
	 */
	static final class RememberedInterfaces extends ExpressionCompiler {

		private final ClassValue<Class<?>> interfaces = new ClassValue<>() {

			@Override
			protected Class<?> computeValue(Class<?> type) {
				return RememberedInterfaces.super.getInterfaceClass(type);
			}

		};

		@Override
		public Class<?> getInterfaceClass(Class<?> type) {
			return interfaces.get(type);
		}

	}

	/** OGNL's accessor of plain objects, remembering the methods it has to search for. */
	static final class RememberedReadMethods extends ObjectPropertyAccessor {

		private final Map<Class<?>, Map<String, Optional<Method>>> found = new ConcurrentHashMap<>();

		@Override
		public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
			Optional<Method> method = found.computeIfAbsent(target.getClass(), type -> new ConcurrentHashMap<>())
				.computeIfAbsent(name, property -> searched(target.getClass(), property));
			if (method.isEmpty()) {
				return super.getPossibleProperty(context, target, name);
			}
			try {
				return method.get().invoke(target);
			}
			catch (IllegalAccessException | InvocationTargetException failed) {
				throw new OgnlException(name, failed);
			}
		}

		/** The public no-argument method OGNL would search for when there is no getter of the name; else none. */
		private static Optional<Method> searched(Class<?> type, String name) {
			if (OgnlRuntime.getGetMethod(type, name) != null) {
				return Optional.empty();
			}
			Method method = OgnlRuntime.getReadMethod(type, name);
			return method != null && method.getParameterCount() == 0 && Modifier.isPublic(method.getModifiers())
					? Optional.of(method) : Optional.empty();
		}

	}

}
