package org.civicloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** CivicLoop: grassroots-governance matters run as BPMN and DMN models on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CivicLoopApplication {

	public static void main(String[] args) {
		SpringApplication.run(CivicLoopApplication.class, args);
	}

}
