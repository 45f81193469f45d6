package org.civicloop.matter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The token a citizen gets at intake to rate their matter later: an HMAC of the tracking number under
 * {@code civicloop.matter.evaluation-secret}. Nothing is stored, every node computes the same token, and a
 * retried intake answers with the same token.
 */
@Component
class EvaluationTokens {

	private final SecretKeySpec key;

	EvaluationTokens(MatterProperties properties) {
		this.key = new SecretKeySpec(properties.evaluationSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	String of(String trackingNo) {
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

	boolean matches(String trackingNo, String token) {
		return token != null && MessageDigest.isEqual(of(trackingNo).getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8));
	}

}
