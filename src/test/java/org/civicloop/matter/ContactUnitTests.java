package org.civicloop.matter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactUnitTests {

	@Test
	void masksPhoneAndNameAndNeverPrintsThemWhole() {
		var contact = new Contact("欧阳娜娜", "13812341234");

		assertThat(contact.masked()).isEqualTo("欧*** 138****1234");
		assertThat(contact.toString()).doesNotContain("13812341234").doesNotContain("欧阳娜娜");
		assertThat(Contact.maskPhone("110")).isEqualTo("****");
		assertThat(Contact.maskName(null)).isEmpty();
	}

}
