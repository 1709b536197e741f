package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.sql.result.ArrowResults;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results as Arrow IPC batches: types, NULLs, maps as JSON, batch boundaries, and no leaked buffers. */
class ArrowResultsTest {
    @TempDir
    Path dir;

    @Test
    void resultsStreamAsArrowBatches() throws Exception {
        try (TestProject p = new TestProject(dir); BufferAllocator allocator = new RootAllocator()) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(new Event(86_400_000L * i, i % 2 == 0 ? "Open" : "Pay", i == 3 ? null : "u" + i, "d" + i, null,
                        Map.of("org_id", List.of("acme")), null, null));
            }
            p.ingest(events);
            SqlSession s = p.session();
            ByteArrayOutputStream ipc = new ByteArrayOutputStream();
            long rows;
            try (ResultSet rs = s.query("select event_time, event_type, user_id, count(*) over () n, 1.5e0 r, "
                    + "event_groups, cast(event_time as date) d from events order by event_time")) {
                rows = ArrowResults.stream(rs, allocator, 2, new java.util.function.Consumer<>() {
                    ArrowStreamWriter writer;

                    @Override
                    public void accept(VectorSchemaRoot root) {
                        try {
                            if (writer == null) {
                                writer = new ArrowStreamWriter(root, null, Channels.newChannel(ipc));
                                writer.start();
                            }
                            writer.writeBatch();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
            }
            assertEquals(5, rows);
            List<String> read = new ArrayList<>();
            int batches = 0;
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc.toByteArray()), allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertEquals("[Timestamp(MILLISECOND, null), Utf8, Utf8, Int(64, true), FloatingPoint(DOUBLE), Utf8, Date(DAY)]",
                        root.getSchema().getFields().stream().map(f -> f.getType().toString()).toList().toString());
                assertEquals("(VARCHAR, VARCHAR ARRAY) MAP", root.getSchema().getFields().get(5).getMetadata().get(ArrowResults.SQL_TYPE));
                while (reader.loadNextBatch()) {
                    batches++;
                    for (int r = 0; r < root.getRowCount(); r++) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < root.getFieldVectors().size(); c++) {
                            Object v = root.getVector(c).getObject(r);
                            row.add(v == null ? null : v.toString());
                        }
                        read.add(row.toString());
                    }
                }
            }
            assertEquals(3, batches);
            assertEquals("[1970-01-01T00:00, Open, u0, 5, 1.5, {\"org_id\":[\"acme\"]}, 0]", read.get(0));
            assertEquals("[1970-01-04T00:00, Pay, null, 5, 1.5, {\"org_id\":[\"acme\"]}, 3]", read.get(3));
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }
}
