package org.civicloop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A county system receiving CivicLoop's webhook on loopback, as a receiver should: it checks the HMAC-SHA256
 * signature (401 when wrong), answers 204, and notes when each notification key first arrived and how many
 * arrived more than once.
 */
public final class WebhookReceiver implements AutoCloseable {

	public static final String SECRET = "bench-webhook-secret-for-this-machine";

	private final ObjectMapper json = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	/** First arrival per tracking number and kind ({@code CL...:warning}). */
	private final Map<String, Instant> arrived = new ConcurrentHashMap<>();

	private final Map<String, Boolean> keys = new ConcurrentHashMap<>();

	private final AtomicInteger repeats = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	public WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		server.setExecutor(threads);
		server.createContext("/hook", this::receive);
		server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String signature = exchange.getRequestHeaders().getFirst("X-CivicLoop-Signature");
			if (signature == null || !signature.equals("sha256=" + sign(body))) {
				refused.incrementAndGet();
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			Instant now = Instant.now();
			var message = json.readTree(body);
			if (keys.putIfAbsent(message.get("key").asText(), Boolean.TRUE) != null) {
				repeats.incrementAndGet();
			}
			arrived.putIfAbsent(message.get("trackingNo").asText() + ":" + message.get("kind").asText(), now);
			exchange.sendResponseHeaders(204, -1);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String sign(byte[] body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

	/** When the warning of this matter first arrived, or null. */
	public Instant warned(String trackingNo) {
		return arrived.get(trackingNo + ":warning");
	}

	/** Notifications received, each key once. */
	public int received() {
		return keys.size();
	}

	public int repeats() {
		return repeats.get();
	}

	public int refused() {
		return refused.get();
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

}
