package org.civicloop.variant;

import java.util.Optional;
import java.util.Set;

/**
 * What an expression in a deployed model may say. The engine evaluates JUEL in names, candidate
 * groups, due dates, timers, conditions and input parameters; an expression there may only name
 * variables, compare them with literals and join comparisons with logic — no method or function
 * calls, no property access (which calls getters), no assignment. A delegate expression may only name
 * an allow-listed bean.
 *
 * <p>This is a whitelist over the expression's tokens, so a construct it does not know is refused.
 */
final class Expressions {

	private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "(", ")",
			"+", "-", "*", "/", "%");

	private static final Set<String> WORD_OPERATORS = Set.of("eq", "ne", "lt", "gt", "le", "ge", "and", "or", "not",
			"empty", "div", "mod", "true", "false", "null");

	private Expressions() {
	}

	/** Does the value hold an expression the engine would evaluate? */
	static boolean holdsExpression(String value) {
		return value != null && (value.contains("${") || value.contains("#{"));
	}

	/**
	 * Checks every {@code ${...}} and {@code #{...}} in a value.
	 * @return why the value is refused, if it is
	 */
	static Optional<String> problemIn(String value) {
		int at = 0;
		while (at < value.length()) {
			int start = nextOpening(value, at);
			if (start < 0) {
				return Optional.empty();
			}
			int end = closing(value, start + 2);
			if (end < 0) {
				return Optional.of("表达式没有闭合：" + excerpt(value.substring(start)));
			}
			Optional<String> problem = problemInBody(value.substring(start + 2, end));
			if (problem.isPresent()) {
				return problem;
			}
			at = end + 1;
		}
		return Optional.empty();
	}

	/**
	 * The bean a delegate expression names, if it is exactly one name in {@code ${...}}.
	 */
	static Optional<String> beanName(String value) {
		String trimmed = value == null ? "" : value.strip();
		if (!(trimmed.startsWith("${") || trimmed.startsWith("#{")) || !trimmed.endsWith("}")) {
			return Optional.empty();
		}
		String name = trimmed.substring(2, trimmed.length() - 1).strip();
		return isIdentifier(name) ? Optional.of(name) : Optional.empty();
	}

	private static int nextOpening(String value, int from) {
		int dollar = value.indexOf("${", from);
		int hash = value.indexOf("#{", from);
		if (dollar < 0) {
			return hash;
		}
		return hash < 0 ? dollar : Math.min(dollar, hash);
	}

	/** The index of the brace closing an expression body starting at {@code from}, skipping string literals. */
	private static int closing(String value, int from) {
		char quote = 0;
		for (int i = from; i < value.length(); i++) {
			char c = value.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == '}') {
				return i;
			}
			else if (c == '{') {
				return -1; // nested braces: maps, sets and lambdas are not comparisons
			}
		}
		return -1;
	}

	private static Optional<String> problemInBody(String body) {
		int i = 0;
		String previous = null;
		while (i < body.length()) {
			char c = body.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			String token;
			if (c == '\'' || c == '"') {
				int end = i + 1;
				while (end < body.length() && body.charAt(end) != c) {
					end += body.charAt(end) == '\\' ? 2 : 1;
				}
				if (end >= body.length()) {
					return Optional.of("表达式 ${" + excerpt(body) + "} 中的字符串没有闭合");
				}
				token = "'";
				i = end + 1;
			}
			else if (Character.isDigit(c)) {
				int end = i;
				while (end < body.length() && (Character.isDigit(body.charAt(end)))) {
					end++;
				}
				if (end < body.length() && body.charAt(end) == '.') {
					end++;
					while (end < body.length() && Character.isDigit(body.charAt(end))) {
						end++;
					}
				}
				token = "0";
				i = end;
			}
			else if (Character.isJavaIdentifierStart(c)) {
				int end = i;
				while (end < body.length() && Character.isJavaIdentifierPart(body.charAt(end))) {
					end++;
				}
				token = body.substring(i, end);
				i = end;
			}
			else {
				String two = i + 1 < body.length() ? body.substring(i, i + 2) : "";
				if (OPERATORS.contains(two)) {
					token = two;
					i += 2;
				}
				else if (OPERATORS.contains(String.valueOf(c))) {
					token = String.valueOf(c);
					i++;
				}
				else {
					return Optional.of("表达式中不允许使用 '" + c + "'（只能使用变量、字面量和比较）：${"
							+ excerpt(body) + "}");
				}
			}
			if (token.equals("(") && previous != null && isIdentifier(previous) && !WORD_OPERATORS.contains(previous)) {
				return Optional.of("调用了 " + previous + "(...)；表达式不能调用方法或函数：${"
						+ excerpt(body) + "}");
			}
			previous = token;
		}
		return Optional.empty();
	}

	private static boolean isIdentifier(String token) {
		if (token.isEmpty() || !Character.isJavaIdentifierStart(token.charAt(0))) {
			return false;
		}
		return token.chars().allMatch(Character::isJavaIdentifierPart);
	}

	/** The identifiers an expression value names (variables or beans), keywords left out. */
	static Set<String> names(String value) {
		var names = new java.util.LinkedHashSet<String>();
		var matcher = java.util.regex.Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*").matcher(value);
		int at = 0;
		while (at < value.length()) {
			int start = nextOpening(value, at);
			if (start < 0) {
				break;
			}
			int end = closing(value, start + 2);
			String body = value.substring(start + 2, end < 0 ? value.length() : end).replaceAll("'[^']*'|\"[^\"]*\"", "");
			matcher.reset(body);
			while (matcher.find()) {
				if (!WORD_OPERATORS.contains(matcher.group())) {
					names.add(matcher.group());
				}
			}
			at = end < 0 ? value.length() : end + 1;
		}
		return names;
	}

	private static String excerpt(String text) {
		return text.length() <= 80 ? text : text.substring(0, 77) + "...";
	}

}
