package org.civicloop.system;

import java.util.ArrayList;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Sessions the engine opens for each command: CivicLoop's own, or its replacement of one of the engine's managers. */
public final class EngineSessions {

	private EngineSessions() {
	}

	/**
	 * Every command that asks for a session of {@code type} gets a new one from {@code sessions} (a type the engine
	 * already has, such as one of its managers, is replaced). Call before the engine is built ({@code preInit}).
	 */
	public static void add(ProcessEngineConfigurationImpl configuration, Class<?> type, Supplier<? extends Session> sessions) {
		var factories = configuration.getCustomSessionFactories() == null ? new ArrayList<SessionFactory>()
				: new ArrayList<>(configuration.getCustomSessionFactories());
		factories.add(new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return type;
			}

			@Override
			public Session openSession() {
				return sessions.get();
			}

		});
		configuration.setCustomSessionFactories(factories);
	}

}
