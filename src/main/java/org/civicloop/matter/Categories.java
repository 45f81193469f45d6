package org.civicloop.matter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The catalogue of matter categories ({@code catalogue/categories.yaml}): the single list that
 * forms, the routing and time-limit tables and the APIs agree on (the model tests hold them to it).
 */
@Component
public class Categories {

	static final String LOCATION = "catalogue/categories.yaml";

	private final List<Category> all;

	public Categories() {
		this.all = List.copyOf(read());
	}

	public List<Category> all() {
		return all;
	}

	/** The Chinese name of a category, or its code when the catalogue no longer has it. */
	public String nameOf(String code) {
		return byCode(code).map(Category::name).orElse(code);
	}

	public Optional<Category> byCode(String code) {
		return all.stream().filter(category -> category.code().equals(code)).findFirst();
	}

	private static List<Category> read() {
		record Catalogue(List<Category> categories) {
		}
		try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
			return new ObjectMapper(new YAMLFactory()).readValue(in, Catalogue.class).categories();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the category catalogue " + LOCATION, ex);
		}
	}

	/** A category: a stable English code and its Chinese name. */
	public record Category(String code, String name) {
	}

}
