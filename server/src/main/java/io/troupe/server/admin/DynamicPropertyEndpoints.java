package io.troupe.server.admin;

import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import io.troupe.server.dynamic.RefreshMetrics;
import io.troupe.server.project.Project;
import io.troupe.sql.dynamic.DynamicPropertyRefresher;
import io.troupe.sql.dynamic.RefreshResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /projects/{project}/dynamic-properties/refresh[?name=p]}: refreshes a project's dynamic group
 * properties now, due or not (all of them, or the one named), and answers what each wrote. A refresh in a period
 * already computed writes only values that changed meanwhile (late events), usually none.
 */
final class DynamicPropertyEndpoints {
    private final ServerContext context;
    private final RefreshMetrics metrics;

    DynamicPropertyEndpoints(ServerContext context) {
        this.context = context;
        this.metrics = new RefreshMetrics(context.metrics().registry());
    }

    AdminResponse refresh(AdminRequest request) {
        Project project = context.projects().get(request.path("project"));
        List<String> names = request.query().get("name");
        String name = names == null || names.isEmpty() ? null : names.get(names.size() - 1);
        List<RefreshResult> results;
        try {
            results = new DynamicPropertyRefresher(project.sql()).refreshNow(name);
        } catch (TroupeException e) {
            if (!e.errorCode().isUserError()) {
                metrics.failed();
            }
            throw e;
        }
        List<Map<String, Object>> refreshed = new ArrayList<>();
        for (RefreshResult r : results) {
            metrics.refreshed(r);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", r.name());
            one.put("windowFrom", Instant.ofEpochMilli(r.windowFrom()).toString());
            one.put("windowTo", Instant.ofEpochMilli(r.windowTo()).toString());
            one.put("groups", r.groups());
            one.put("groupsWritten", r.groupsWritten());
            one.put("millis", r.tookMillis());
            refreshed.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project.name());
        body.put("refreshed", refreshed);
        return AdminResponse.ok(body);
    }
}
