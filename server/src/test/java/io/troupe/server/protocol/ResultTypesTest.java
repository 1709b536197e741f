package io.troupe.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.wire.Parameter;
import io.troupe.common.wire.WireFormat;
import io.troupe.sql.SqlSession;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;

/**
 * Every SQL type through the protocol, compared with what the engine's own {@link SqlSession#rows} gives for
 * the same statement, and every parameter type.
 */
class ResultTypesTest extends WithProtocolServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVERY_TYPE = """
            SELECT CAST(1 AS TINYINT) ti, CAST(-2 AS SMALLINT) si, 3 i, CAST(4000000000 AS BIGINT) bi,
                   CAST(1.5 AS REAL) r, CAST(2.25 AS FLOAT) f, CAST(-3.125 AS DOUBLE) d, CAST(12.345 AS DECIMAL(10,3)) dc,
                   TRUE b, 'x' c, CAST('grüße' AS VARCHAR(10)) vc, DATE '1969-07-20' dt, TIME '12:34:56.789' tm,
                   TIMESTAMP '2024-02-03 04:05:06.789' ts, X'0102ff' bin, ARRAY[1, 2] arr, MAP['a', 1] m, ROW(1, 'a') rw
            UNION ALL
            SELECT CAST(NULL AS TINYINT), CAST(NULL AS SMALLINT), CAST(NULL AS INTEGER), CAST(NULL AS BIGINT),
                   CAST(NULL AS REAL), CAST(NULL AS FLOAT), CAST(NULL AS DOUBLE), CAST(NULL AS DECIMAL(10,3)),
                   CAST(NULL AS BOOLEAN), CAST(NULL AS CHAR(1)), CAST(NULL AS VARCHAR(10)), CAST(NULL AS DATE),
                   CAST(NULL AS TIME), CAST(NULL AS TIMESTAMP), CAST(NULL AS VARBINARY), CAST(NULL AS INTEGER ARRAY),
                   CAST(NULL AS MAP<CHAR(1), INTEGER>), NULL
            UNION ALL
            SELECT CAST(0 AS TINYINT), CAST(0 AS SMALLINT), 0, CAST(0 AS BIGINT), CAST(0 AS REAL), CAST(0 AS FLOAT),
                   CAST(0 AS DOUBLE), CAST(0 AS DECIMAL(10,3)), FALSE, 'y', '', DATE '1970-01-01', TIME '00:00:00', TIMESTAMP '1970-01-01 00:00:00',
                   X'', ARRAY[3], MAP['b', 2], ROW(2, 'b')""";


    @Test
    void everyTypeArrivesAsTheEngineGivesIt() {
        TestClient.Result result = compareWithEngine(EVERY_TYPE);
        assertEquals(3, result.rows().size());
        List<ArrowType> types = result.schema().getFields().stream().map(Field::getType).toList();
        assertEquals(List.of(new ArrowType.Int(8, true), new ArrowType.Int(16, true), new ArrowType.Int(32, true),
                new ArrowType.Int(64, true), new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE),
                new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE),
                new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE),
                new ArrowType.Decimal(10, 3, 128), ArrowType.Bool.INSTANCE, ArrowType.Utf8.INSTANCE, ArrowType.Utf8.INSTANCE,
                new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY),
                new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, 32),
                new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, null), ArrowType.Binary.INSTANCE,
                ArrowType.Utf8.INSTANCE, ArrowType.Utf8.INSTANCE, ArrowType.Utf8.INSTANCE), types);
        Map<String, String> arrayMetadata = result.schema().getFields().get(15).getMetadata();
        assertEquals("INTEGER ARRAY", arrayMetadata.get(WireFormat.FIELD_SQL_TYPE));
        assertEquals(Integer.toString(java.sql.Types.ARRAY), arrayMetadata.get(WireFormat.FIELD_JDBC_TYPE));
        assertEquals(Integer.toString(java.sql.Types.TIMESTAMP), result.schema().getFields().get(13).getMetadata().get(WireFormat.FIELD_JDBC_TYPE));
        assertEquals("[1,\"a\"]", result.rows().get(0).get(17).toString(), "a ROW is a JSON array of its fields");
    }

    @Test
    void theEventsTableArrivesAsTheEngineGivesIt() {
        TestClient.Result result = compareWithEngine("SELECT * FROM events ORDER BY event_time DESC LIMIT 40");
        assertEquals(40, result.rows().size());
        assertEquals("(VARCHAR, VARCHAR ARRAY) MAP", result.schema().findField("event_groups").getMetadata().get(WireFormat.FIELD_SQL_TYPE));
    }

    @Test
    void everyParameterTypeReachesTheStatement() {
        String sql = "SELECT CAST(? AS BOOLEAN), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS DOUBLE), "
                + "CAST(? AS DECIMAL(12,4)), CAST(? AS VARCHAR), CAST(? AS DATE), CAST(? AS TIME), CAST(? AS TIMESTAMP), "
                + "CAST(? AS VARBINARY), CAST(? AS INTEGER)";
        LocalDateTime time = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 125_000_000);
        List<Parameter> parameters = List.of(Parameter.of(true), Parameter.of(-7), Parameter.of(1L << 40), Parameter.of(0.1),
                Parameter.of(new BigDecimal("-1234.5678")), Parameter.of("żółw 🐢"), Parameter.of(LocalDate.of(1900, 3, 1)),
                Parameter.of(LocalTime.of(13, 14, 15, 16_000_000)), Parameter.ofTimestampMillis(time.toInstant(ZoneOffset.UTC).toEpochMilli()),
                Parameter.of(new byte[] {0, 1, -2}), Parameter.ofNull());
        try (TestClient c = server.client()) {
            TestClient.Result result = c.query(sql, parameters.toArray(Parameter[]::new));
            List<Object> row = arrowTemporals(result.rows().get(0), result.schema());
            assertEquals(List.of(true, -7, 1L << 40, 0.1, new BigDecimal("-1234.5678"), "żółw 🐢", LocalDate.of(1900, 3, 1),
                    LocalTime.of(13, 14, 15, 16_000_000), time, "0001fe"), canonical(row.subList(0, 10)));
            assertEquals(null, row.get(10));
        }
    }

    @Test
    void aTimestampParameterMeansTheSameInstantAsEventTime() {
        long from = ProtocolServer.START + 100 * 60_000L;
        String sql = "SELECT COUNT(*) FROM events WHERE event_time >= ? AND event_type = ?";
        try (TestClient c = server.client()) {
            List<List<Object>> rows = c.query(sql, Parameter.ofTimestampMillis(from), Parameter.of("a")).rows();
            assertEquals(List.of(List.of((long) (ProtocolServer.EVENTS - 100) / 3)), rows);
        }
    }

    /** Runs a statement through the protocol and through the engine directly; the values must agree. */
    private static TestClient.Result compareWithEngine(String sql) {
        List<List<Object>> expected;
        try (SqlSession s = server.project.sql().open()) {
            expected = s.rows(sql).stream().map(ResultTypesTest::canonical).toList();
        }
        assertFalse(expected.isEmpty());
        try (TestClient c = server.client()) {
            TestClient.Result result = c.query(sql);
            assertEquals(expected, result.rows().stream().map(row -> canonical(arrowTemporals(row, result.schema()))).toList());
            return result;
        }
    }

    /** Arrow's Java objects of DATE (days as an Integer) and TIME (a LocalDateTime on 1970-01-01) as java.time values. */
    private static List<Object> arrowTemporals(List<Object> row, org.apache.arrow.vector.types.pojo.Schema schema) {
        List<Object> out = new ArrayList<>(row);
        for (int i = 0; i < out.size(); i++) {
            ArrowType type = schema.getFields().get(i).getType();
            if (out.get(i) instanceof Integer days && type instanceof ArrowType.Date) {
                out.set(i, LocalDate.ofEpochDay(days));
            } else if (out.get(i) instanceof LocalDateTime t && type instanceof ArrowType.Time) {
                assertEquals(LocalDate.EPOCH, t.toLocalDate());
                out.set(i, t.toLocalTime());
            }
        }
        return out;
    }

    /**
     * One form for a JDBC value and for the Arrow value it became: text as String, temporal values as
     * java.time values of the UTC wall clock, bytes as hex, structured values as parsed JSON.
     */
    private static List<Object> canonical(List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (Object v : row) {
            out.add(canonical(v));
        }
        return out;
    }

    private static Object canonical(Object v) {
        try {
            if (v instanceof Text t) {
                String s = t.toString();
                return s.startsWith("[") || s.startsWith("{") ? JSON.readTree(s) : s;
            }
            if (v instanceof java.sql.Timestamp t) {
                return LocalDateTime.ofEpochSecond(Math.floorDiv(t.getTime(), 1000), (int) Math.floorMod(t.getTime(), 1000) * 1_000_000, ZoneOffset.UTC);
            }
            if (v instanceof java.sql.Date d) {
                return LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L));
            }
            if (v instanceof java.sql.Time t) {
                return LocalTime.ofNanoOfDay(Math.floorMod(t.getTime(), 86_400_000L) * 1_000_000L);
            }
            if (v instanceof byte[] b) {
                return HexFormat.of().formatHex(b);
            }
            if (v instanceof Array a) {
                return JSON.valueToTree(plain(a));
            }
            if (v instanceof Struct s) {
                return JSON.valueToTree(plain(s));
            }
            if (v instanceof Map<?, ?> m) {
                return JSON.valueToTree(m);
            }
            if (v instanceof String s && (s.startsWith("[") || s.startsWith("{"))) {
                return JSON.readTree(s);
            }
            return v;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Object plain(Object v) throws SQLException {
        if (v instanceof Array a) {
            return plain(a.getArray());
        }
        if (v instanceof Struct s) {
            return plain(s.getAttributes());
        }
        if (v instanceof Object[] array) {
            List<Object> list = new ArrayList<>();
            for (Object o : array) {
                list.add(plain(o));
            }
            return list;
        }
        return v;
    }
}
