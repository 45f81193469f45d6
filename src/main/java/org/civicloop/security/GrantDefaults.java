package org.civicloop.security;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.Deployment;

import org.springframework.stereotype.Component;

/**
 * The grants the engine gives by itself as things are made, narrowed to the work: whoever deploys may read
 * the deployment but not delete it (a cascading delete would take the unit's running matters with it; deleting
 * is for administrators), and an account may read and update itself (name, e-mail, password) but not delete
 * itself or anything more. Everything else is Camunda's default.
 */
@Component
class GrantDefaults extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setResourceAuthorizationProvider(new Provider());
	}

	static final class Provider extends DefaultAuthorizationProvider {

		@Override
		public AuthorizationEntity[] newDeployment(Deployment deployment) {
			AuthorizationEntity[] granted = super.newDeployment(deployment);
			if (granted != null) {
				for (AuthorizationEntity authorization : granted) {
					authorization.removePermission(Permissions.DELETE);
				}
			}
			return granted;
		}

		@Override
		public AuthorizationEntity[] newUser(User user) {
			return new AuthorizationEntity[] { createGrantAuthorization(user.getId(), null, Resources.USER, user.getId(),
					Permissions.READ, Permissions.UPDATE) };
		}

	}

}
