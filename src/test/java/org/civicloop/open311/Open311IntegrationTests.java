package org.civicloop.open311;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** An Open311 client's round trip: discover, list services, read a definition, file, find and read requests. */
@CivicLoopTest
class Open311IntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Test
	void aClientFilesAndReadsARequestInJson() throws Exception {
		Http http = new Http(port);
		JsonNode discovery = JSON.readTree(http.get(null, "/open311/v2/discovery.json").body());
		assertThat(discovery.path("endpoints").get(0).path("specification").asText()).contains("GeoReport_v2");
		JsonNode services = JSON.readTree(http.get(null, "/open311/v2/services.json").body());
		assertThat(services).hasSize(14);
		assertThat(services.findValuesAsText("service_code")).contains("street-light", "wage-arrears");
		JsonNode definition = JSON.readTree(http.get(null, "/open311/v2/services/street-light.json").body());
		assertThat(definition.path("attributes").get(0).path("code").asText()).isEqualTo("unit");
		assertThat(definition.path("attributes").get(0).path("required").asBoolean()).isTrue();

		var filed = file(http, "json", "demo-open311-key", "13655550001");
		assertThat(filed.statusCode()).isEqualTo(200);
		JsonNode receipt = JSON.readTree(filed.body()).get(0);
		String id = receipt.path("service_request_id").asText();
		assertThat(id).as("a random public id, not the tracking number").matches("[2-9a-z]{12}");
		assertThat(receipt.path("token").asText()).hasSize(22);
		String trackingNo = receipt.path("service_notice").asText().replaceAll(".*(CL\\d+).*", "$1");
		assertThat(trackingNo).matches("CL\\d{14,}");

		JsonNode one = JSON.readTree(http.get(null, "/open311/v2/requests/" + id + ".json").body()).get(0);
		assertThat(one.path("status").asText()).isEqualTo("open");
		assertThat(one.path("status_notes").asText()).isEqualTo("待签收");
		assertThat(one.path("agency_responsible").asText()).isEqualTo("县综合行政执法局（城管）");
		assertThat(one.path("expected_datetime").asText()).isNotBlank();
		assertThat(one.toString()).doesNotContain("13655550001").doesNotContain("开源").doesNotContain("解放路");

		JsonNode open = JSON.readTree(http.get(null, "/open311/v2/requests.json?service_code=street-light&status=open").body());
		assertThat(open.findValuesAsText("service_request_id")).contains(id);
		assertThat(open.toString()).as("public listings show no tracking number and no attachment").doesNotContain(trackingNo)
			.doesNotMatch("(?s).*\"CL\\d{8}.*").doesNotContain("files.example");
		assertThat(open.findValues("media_url")).isNotEmpty().allMatch(JsonNode::isNull);
		JsonNode closed = JSON.readTree(http.get(null, "/open311/v2/requests.json?service_request_id=" + id + "&status=closed").body());
		assertThat(closed.findValuesAsText("service_request_id")).contains(id);
		assertThat(JSON.readTree(http.get(null, "/open311/v2/requests.json?status=closed&service_code=street-light").body())
			.findValuesAsText("service_request_id")).doesNotContain(id);
	}

	@Test
	void aClientFilesAndReadsARequestInXml() throws Exception {
		Http http = new Http(port);
		var services = http.get(null, "/open311/v2/services.xml");
		assertThat(services.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
		assertThat(xml(services.body()).getElementsByTagName("service").getLength()).isEqualTo(14);
		assertThat(xml(http.get(null, "/open311/v2/services/noise.xml").body()).getDocumentElement().getNodeName())
			.isEqualTo("service_definition");

		var filed = file(http, "xml", "demo-open311-key", "13655550002");
		assertThat(filed.statusCode()).isEqualTo(200);
		Document answer = xml(filed.body());
		String id = answer.getElementsByTagName("service_request_id").item(0).getTextContent();

		Document read = xml(http.get(null, "/open311/v2/requests/" + id + ".xml").body());
		assertThat(read.getDocumentElement().getNodeName()).isEqualTo("service_requests");
		assertThat(read.getElementsByTagName("status").item(0).getTextContent()).isEqualTo("open");
	}

	@Test
	void filingWithoutAValidKeyOrWithBadFieldsIsRefusedInTheAskedFormat() throws Exception {
		Http http = new Http(port);
		var noKey = file(http, "json", "wrong-key", "13655550003");
		assertThat(noKey.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(noKey.body()).get(0).path("code").asInt()).isEqualTo(403);

		var bad = http.send(form("/open311/v2/requests.xml", Map.of("api_key", "demo-open311-key", "service_code",
				"teleportation", "lat", "north", "phone", "1")));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(xml(bad.body()).getElementsByTagName("error").getLength()).isEqualTo(1);
		assertThat(http.get(null, "/open311/v2/requests/CL00000000000000.json").statusCode()).isEqualTo(404);
		assertThat(http.get(null, "/open311/v2/services.yaml").statusCode()).isEqualTo(404);
	}

	@Test
	void onlyOpen311SpeaksXmlTheApiAnswersJsonOrNothing() {
		Http http = new Http(port);
		var asked = http.send(http.request("operator", "/api/matters").header("Accept", "application/xml").GET().build());
		assertThat(asked.statusCode()).isEqualTo(406);
		var browser = http.send(http.request("operator", "/api/matters")
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET().build());
		assertThat(browser.statusCode()).isEqualTo(200);
		assertThat(browser.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
	}

	private HttpResponse<String> file(Http http, String format, String key, String phone) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("api_key", key);
		fields.put("service_code", "street-light");
		fields.put("lat", "30.2741");
		fields.put("long", "120.1551");
		fields.put("address_string", "解放路18号");
		fields.put("first_name", "源");
		fields.put("last_name", "开");
		fields.put("phone", phone);
		fields.put("description", "解放路路灯整排不亮");
		fields.put("attribute[unit]", "qinghe");
		fields.put("attribute[grid_code]", "QH-URB-03");
		fields.put("media_url", "https://files.example/photo-of-" + phone + ".jpg");
		return http.send(form("/open311/v2/requests." + format, fields));
	}

	private HttpRequest form(String path, Map<String, String> fields) {
		String body = fields.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return new Http(port).request(null, path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	private static Document xml(String text) throws Exception {
		var factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

}
