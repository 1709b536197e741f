package io.troupe.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import io.troupe.server.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects and their ingest API keys: list, create, rotate a key. */
final class ProjectEndpoints {
    private final ServerContext context;

    ProjectEndpoints(ServerContext context) {
        this.context = context;
    }

    /** {@code GET /projects}: each project's name and event count (never its key). */
    AdminResponse list(AdminRequest request) {
        List<Map<String, Object>> projects = new ArrayList<>();
        for (Project p : context.projects().all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.name());
            entry.put("events", p.store().rowCount());
            projects.add(entry);
        }
        return AdminResponse.ok(Map.of("projects", projects));
    }

    /** {@code POST /projects {"name": "..."}}: 201 with the new project's API key. */
    AdminResponse create(AdminRequest request) {
        JsonNode name = request.jsonObject().get("name");
        if (name == null || !name.isTextual()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "send {\"name\": \"project-name\"}");
        }
        Project project = context.projects().create(name.textValue());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", project.name());
        body.put("apiKey", project.apiKey());
        body.put("apiKeyFile", context.projects().apiKeyFile(project.name()).toAbsolutePath().toString());
        return AdminResponse.json(HttpResponseStatus.CREATED, body);
    }

    /** {@code POST /projects/{project}/api-key/rotate}: the new key; the old one stops working at once. */
    AdminResponse rotateKey(AdminRequest request) {
        String name = request.path("project");
        String key = context.projects().rotateApiKey(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("apiKey", key);
        return AdminResponse.ok(body);
    }
}
