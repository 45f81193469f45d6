package org.civicloop.matter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The token a citizen gets at intake to follow and rate their matter: an HMAC of the tracking number under
 * {@code civicloop.matter.evaluation-secret}. Nothing is stored, every node computes the same token, a
 * retried intake answers with the same token, and without the secret no one can derive it from the tracking
 * number. After the secret is rotated, tokens made under the secrets listed in
 * {@code previous-evaluation-secrets} are still accepted.
 */
@Component
public class EvaluationTokens {

	private final SecretKeySpec key;

	private final java.util.List<SecretKeySpec> previous;

	EvaluationTokens(MatterProperties properties) {
		this.key = key(properties.evaluationSecret());
		this.previous = properties.previousEvaluationSecrets().stream().map(EvaluationTokens::key).toList();
	}

	public String of(String trackingNo) {
		return of(key, trackingNo);
	}

	public boolean matches(String trackingNo, String token) {
		if (token == null || trackingNo == null) {
			return false;
		}
		boolean matches = equal(of(key, trackingNo), token);
		for (SecretKeySpec earlier : previous) {
			matches |= equal(of(earlier, trackingNo), token);
		}
		return matches;
	}

	private static boolean equal(String expected, String token) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
	}

	private static SecretKeySpec key(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	private static String of(SecretKeySpec key, String trackingNo) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] digest = mac.doFinal(trackingNo.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
