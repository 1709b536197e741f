package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.server.ServerContext;
import io.troupe.server.ServerState;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest service before the server is ready (recovery running): 503 in each API's shape, nothing touched. */
class IngestServiceTest {
    @TempDir
    Path data;

    @Test
    void beforeRecoveryEndsEveryRequestIs503() throws Exception {
        try (ServerMetrics metrics = new ServerMetrics()) {
            ServerContext context = new ServerContext(ServerConfig.defaults().withDataDirectory(data), new ServerState(),
                    () -> null, null, null, "token", metrics, null, null, null);
            IngestService service = new IngestService(context);
            byte[] body = "{\"api_key\":\"k\",\"events\":[{\"event_type\":\"X\",\"user_id\":\"user-1\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            IngestResponse amplitude = service.handle(new IngestRequest(Endpoint.AMPLITUDE_HTTP_API, "application/json",
                    null, Map.of(), body));
            assertEquals(503, amplitude.status());
            JsonNode json = IngestTestSupport.JSON.readTree(amplitude.body());
            assertEquals(503, json.get("code").asInt());
            assertEquals("SERVER_NOT_READY", json.at("/troupe_error/symbol").asText());
            IngestResponse segment = service.handle(new IngestRequest(Endpoint.SEGMENT_BATCH, "application/json", null,
                    Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(503, segment.status());
            assertEquals(false, IngestTestSupport.JSON.readTree(segment.body()).get("success").asBoolean());
        }
    }
}
