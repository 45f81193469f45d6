package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One size limit for every request body, in front of everything — Spring MVC, the engine REST API and its
 * own multipart parser, the webapps. A declared length over the limit is refused before a byte is read;
 * a body without a declared length is cut off when it passes the limit.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** Set on a request whose body passed the limit while it was read; whoever answers it answers 413. */
	static final String TOO_LARGE = RequestSizeLimitFilter.class.getName() + ".tooLarge";

	private final long limit;

	RequestSizeLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			response.setHeader("Connection", "close");
			Problems.write(response, 413, "Payload Too Large",
					"The request body is " + request.getContentLengthLong() + " bytes; at most " + limit + " are accepted");
			return;
		}
		chain.doFilter(new Limited(request, limit), response);
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream(), limit, () -> setAttribute(TOO_LARGE, limit));
			}
			return stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private final Runnable exceeded;

		private long read;

		Counting(ServletInputStream in, long limit, Runnable exceeded) {
			this.in = in;
			this.limit = limit;
			this.exceeded = exceeded;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			read += n;
			if (read > limit) {
				exceeded.run();
				throw new IOException("Request body larger than " + limit + " bytes");
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
