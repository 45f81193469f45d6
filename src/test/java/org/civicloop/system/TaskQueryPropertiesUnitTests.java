package org.civicloop.system;

import java.util.List;

import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MyBatis reads a task query's properties the same with the remembered methods as with OGNL's own search: the
 * two named by method, in an or-query and not, and the ordinary getters beside them.
 */
class TaskQueryPropertiesUnitTests {

	@BeforeAll
	static void registered() {
		new TaskQueryProperties().preInit(new StandaloneInMemProcessEngineConfiguration());
	}

	@Test
	void theTaskQueryIsReadThroughTheRememberedMethods() throws Exception {
		assertThat(OgnlRuntime.getPropertyAccessor(TaskQueryImpl.class)).isInstanceOf(TaskQueryProperties.RememberedReadMethods.class);
	}

	@Test
	void propertiesNamedByTheirMethodReadAsTheMethodsAnswer() {
		var plain = new TaskQueryImpl();
		var withoutTenant = (TaskQueryImpl) new TaskQueryImpl().withoutTenantId();
		var withOr = (TaskQueryImpl) new TaskQueryImpl().taskName("签收").or().taskName("办理").processInstanceBusinessKey("CL1").endOr();
		for (int round = 0; round < 2; round++) { // the second from what was remembered
			assertThat(OgnlCache.getValue("isWithoutTenantId", plain)).isEqualTo(false);
			assertThat(OgnlCache.getValue("isWithoutTenantId", withoutTenant)).isEqualTo(true);
			assertThat(OgnlCache.getValue("isOrQueryActive", plain)).isEqualTo(false);
			List<TaskQueryImpl> queries = withOr.getQueries();
			assertThat(queries).hasSize(2);
			assertThat(OgnlCache.getValue("isOrQueryActive", queries.get(0))).isEqualTo(false);
			assertThat(OgnlCache.getValue("isOrQueryActive", queries.get(1))).isEqualTo(true);
		}
	}

	@Test
	void gettersAndFieldsReadAsBefore() {
		var query = (TaskQueryImpl) new TaskQueryImpl().taskName("签收").processInstanceBusinessKey("CL20261130000002");
		assertThat(OgnlCache.getValue("name", query)).isEqualTo("签收");
		assertThat(OgnlCache.getValue("processInstanceBusinessKey", query)).isEqualTo("CL20261130000002");
		assertThat(OgnlCache.getValue("assignee", query)).isNull();
		assertThat(OgnlCache.getValue("queries.size", query)).isEqualTo(1);
		assertThat(OgnlCache.getValue("name != null and isOrQueryActive == false", query)).isEqualTo(true);
	}

}
