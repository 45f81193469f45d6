package org.civicloop.system;

import java.util.List;

import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.ognl.enhance.ExpressionCompiler;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MyBatis reads a task query's properties the same with the remembered methods as with OGNL's own search: the
 * two named by method, in an or-query and not, and the ordinary getters beside them; and OGNL's choice of the
 * interface to look a property up on is its own for every class.
 */
class OgnlLookupsUnitTests {

	@BeforeAll
	static void registered() {
		new OgnlLookups().preInit(new StandaloneInMemProcessEngineConfiguration());
	}

	@Test
	void theTaskQueryIsReadThroughTheRememberedMethods() throws Exception {
		assertThat(OgnlRuntime.getPropertyAccessor(TaskQueryImpl.class)).isInstanceOf(OgnlLookups.RememberedReadMethods.class);
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
	void theInterfaceOfEveryClassIsOgnlsOwnAnswer() {
		assertThat(OgnlRuntime.getCompiler()).isInstanceOf(OgnlLookups.RememberedInterfaces.class);
		var own = new ExpressionCompiler();
		List<Class<?>> classes = List.of(TaskQueryImpl.class, java.util.HashMap.class, new java.util.ArrayList<>().iterator().getClass(),
				java.util.List.of(1).getClass(), Runnable.class, int.class, String.class, Private.class, OgnlLookups.class);
		for (int round = 0; round < 2; round++) { // the second from what was remembered
			for (Class<?> type : classes) {
				assertThat(OgnlRuntime.getCompiler().getInterfaceClass(type)).as(type.getName()).isEqualTo(own.getInterfaceClass(type));
			}
		}
		// chains, which ask it at every step, read as before
		var withOr = (TaskQueryImpl) new TaskQueryImpl().taskName("签收").or().processInstanceBusinessKey("CL1").endOr();
		assertThat(OgnlCache.getValue("queries[1].processInstanceBusinessKey", withOr)).isEqualTo("CL1");
		assertThat(OgnlCache.getValue("queries[0].name != null and queries.size == 2", withOr)).isEqualTo(true);
	}

	private static final class Private implements Runnable, java.io.Serializable {

		@Override
		public void run() {
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
