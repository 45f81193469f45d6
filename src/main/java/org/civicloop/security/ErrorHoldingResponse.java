package org.civicloop.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that passes a success straight through and holds back an error: once the status is 400 or more
 * (set, or sent with {@code sendError}), the body, its length and any flush stay here, so that the filter can
 * answer with problem details instead. An error never commits the real response, and a success is never copied.
 */
final class ErrorHoldingResponse extends HttpServletResponseWrapper {

	private final ByteArrayOutputStream held = new ByteArrayOutputStream();

	private int status = SC_OK;

	private String errorMessage;

	private ServletOutputStream stream;

	private PrintWriter writer;

	ErrorHoldingResponse(HttpServletResponse response) {
		super(response);
	}

	/** Whether this is an error the filter answers. */
	boolean isHeld() {
		return status >= 400;
	}

	byte[] heldBody() {
		if (writer != null) {
			writer.flush();
		}
		return held.toByteArray();
	}

	@Override
	public int getStatus() {
		return status;
	}

	@Override
	public void setStatus(int status) {
		this.status = status;
		if (status < 400) {
			super.setStatus(status);
		}
	}

	@Override
	public void sendError(int status) {
		setStatus(status);
	}

	@Override
	public void sendError(int status, String message) {
		setStatus(status);
		this.errorMessage = message;
	}

	/** The message an error was sent with ({@code sendError}), if any. */
	String errorMessage() {
		return errorMessage;
	}

	@Override
	public void setContentLength(int length) {
		if (!isHeld()) {
			super.setContentLength(length);
		}
	}

	@Override
	public void setContentLengthLong(long length) {
		if (!isHeld()) {
			super.setContentLengthLong(length);
		}
	}

	@Override
	public void setHeader(String name, String value) {
		if (!(isHeld() && "Content-Length".equalsIgnoreCase(name))) {
			super.setHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (!(isHeld() && "Content-Length".equalsIgnoreCase(name))) {
			super.addHeader(name, value);
		}
	}

	@Override
	public void flushBuffer() throws IOException {
		if (!isHeld()) {
			super.flushBuffer();
		}
	}

	@Override
	public void resetBuffer() {
		held.reset();
		if (!isCommitted()) {
			super.resetBuffer();
		}
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (stream == null) {
			ServletOutputStream real = super.getOutputStream();
			stream = new ServletOutputStream() {

				@Override
				public void write(int b) throws IOException {
					if (isHeld()) {
						held.write(b);
					}
					else {
						real.write(b);
					}
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					if (isHeld()) {
						held.write(bytes, offset, length);
					}
					else {
						real.write(bytes, offset, length);
					}
				}

				@Override
				public void flush() throws IOException {
					if (!isHeld()) {
						real.flush();
					}
				}

				@Override
				public boolean isReady() {
					return real.isReady();
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					real.setWriteListener(listener);
				}

			};
		}
		return stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (writer == null) {
			String encoding = getCharacterEncoding();
			Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
			writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
		}
		return writer;
	}

	/** After the chain: a success's writer flushed through to the real response. */
	void finish() throws IOException {
		if (writer != null && !isHeld()) {
			writer.flush();
		}
	}

}
