package org.civicloop.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The API keys of service accounts: a long random secret per key, kept only as its SHA-256. A key cannot be
 * locked out by strangers trying passwords, and can be revoked on its own.
 */
@Repository
class ApiKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	/** Every key starts with this, so that it is recognised in a configuration file or a leak scan. */
	static final String PREFIX = "clk_";

	private final JdbcClient jdbc;

	ApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One key as listed: never the key itself. */
	record Key(long id, String account, String label, Instant createdAt, String createdBy, Instant revokedAt) {
	}

	/** A new key for an account; the only time the key is ever seen. */
	record Issued(Key key, String secret) {
	}

	Issued issue(String account, String label, String by, Instant at) {
		var secret = new StringBuilder(PREFIX);
		for (int i = 0; i < 40; i++) {
			secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		jdbc.sql("insert into api_key (account_id, key_hash, label, created_at, created_by) values (:account, :hash, :label, :at, :by)")
			.param("account", account).param("hash", hash(secret.toString())).param("label", label)
			.param("at", Timestamp.from(at)).param("by", by).update();
		Key key = jdbc.sql("select * from api_key where key_hash = :hash").param("hash", hash(secret.toString()))
			.query(ApiKeys::map).single();
		return new Issued(key, secret.toString());
	}

	/** The account a key belongs to, when the key exists and is not revoked. */
	Optional<String> accountOf(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id from api_key where key_hash = :hash and revoked_at is null")
			.param("hash", hash(secret)).query(String.class).optional();
	}

	List<Key> of(String account) {
		return jdbc.sql("select * from api_key where account_id = :account order by id").param("account", account)
			.query(ApiKeys::map).list();
	}

	boolean revoke(String account, long id, Instant at) {
		return jdbc.sql("update api_key set revoked_at = :at where id = :id and account_id = :account and revoked_at is null")
			.param("at", Timestamp.from(at)).param("id", id).param("account", account).update() == 1;
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private static Key map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new Key(rs.getLong("id"), rs.getString("account_id"), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"), revoked == null ? null : revoked.toInstant());
	}

}
