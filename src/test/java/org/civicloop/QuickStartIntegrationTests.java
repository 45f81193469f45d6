package org.civicloop;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.civicloop.matter.Matters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command as a fresh machine sees it: an empty H2 database of its own, the demo
 * organisation and the default number of demo matters, each started and advanced through the real process.
 * Runs in a JVM of its own (the {@code quick-start} execution in pom.xml): a second Camunda application in
 * the other tests' JVM would share their engine registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:civicloop-quick-start;DB_CLOSE_DELAY=-1",
		"civicloop.matter.demo-matters=6" })
@ActiveProfiles("test")
class QuickStartIntegrationTests {

	@Autowired
	Matters matters;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Test
	void theDemoMattersAreStartedInSeveralStages() {
		assertThat(matters.count()).isEqualTo(6);
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("matter-handling").count()).isEqualTo(6);
		assertThat(tasks.createTaskQuery().list()).extracting(task -> task.getTaskDefinitionKey())
			.contains("task_signFor", "task_handle", "task_redispatch");
	}

}
