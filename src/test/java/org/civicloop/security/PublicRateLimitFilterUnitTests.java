package org.civicloop.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PublicRateLimitFilterUnitTests {

	@Test
	void anAddressPastItsBurstGets429WhileOthersStillPass() throws Exception {
		var filter = new PublicRateLimitFilter(5, 60);

		int passed = 0;
		MockHttpServletResponse last = null;
		for (int i = 0; i < 8; i++) {
			last = call(filter, "10.0.0.1");
			if (last.getStatus() == 200) {
				passed++;
			}
		}

		assertThat(passed).isEqualTo(5);
		assertThat(last.getStatus()).isEqualTo(429);
		assertThat(last.getHeader("Retry-After")).isEqualTo("1");
		assertThat(last.getContentType()).isEqualTo("application/problem+json");
		assertThat(call(filter, "10.0.0.2").getStatus()).isEqualTo(200);
	}

	private static MockHttpServletResponse call(PublicRateLimitFilter filter, String address) throws Exception {
		var request = new MockHttpServletRequest("GET", "/api/public/categories");
		request.setRemoteAddr(address);
		var response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
