package org.civicloop.matter.web;

import java.util.List;

import org.civicloop.matter.Categories;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The category catalogue, public: citizen apps and county systems offer the same list the forms do. */
@RestController
class CatalogueController {

	private final Categories categories;

	CatalogueController(Categories categories) {
		this.categories = categories;
	}

	@GetMapping("/api/public/categories")
	List<Categories.Category> categories() {
		return categories.all();
	}

}
