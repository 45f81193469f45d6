package org.civicloop.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time codes with which a cadre sets their own password: issued by an administrator, one per account at a
 * time, valid for a few days, gone once used. Only a SHA-256 of each code is kept.
 */
@Repository
class PasswordCodes {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final JdbcClient jdbc;

	PasswordCodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A new code for the account, replacing any earlier one. */
	String issue(String account, String by, Instant at, Instant expires) {
		var code = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		jdbc.sql("delete from password_code where account_id = :account").param("account", account).update();
		jdbc.sql("insert into password_code (account_id, code_hash, expires_at, created_at, created_by) values (:account, :hash, :expires, :at, :by)")
			.param("account", account).param("hash", ApiKeys.hash(code.toString())).param("expires", Timestamp.from(expires))
			.param("at", Timestamp.from(at)).param("by", by).update();
		return code.toString();
	}

	/** Whether this is the account's code and has not expired. */
	boolean matches(String account, String code, Instant now) {
		var stored = jdbc.sql("select code_hash from password_code where account_id = :account and expires_at > :now")
			.param("account", account).param("now", Timestamp.from(now)).query(String.class).optional();
		return stored.isPresent() && MessageDigest.isEqual(stored.get().getBytes(), hashOf(code).getBytes());
	}

	/** Uses the account's code: true once, when it matches and has not expired; a used code is gone. */
	boolean use(String account, String code, Instant now) {
		return jdbc.sql("delete from password_code where account_id = :account and code_hash = :hash and expires_at > :now")
			.param("account", account).param("hash", hashOf(code)).param("now", Timestamp.from(now)).update() == 1;
	}

	private static String hashOf(String code) {
		return ApiKeys.hash(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT));
	}

}
