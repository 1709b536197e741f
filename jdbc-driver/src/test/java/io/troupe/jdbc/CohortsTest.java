package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Projects;
import io.troupe.server.security.UserAccounts;
import io.troupe.storage.EventStore;
import io.troupe.storage.event.Command;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's cohort examples end to end, through the driver against a real server over generated B2B data: the
 * companies that triggered "Create customized report" as a behavioral cohort in a RETENTION report against the
 * companies that did not (checked against the same report with the cohort's query inlined), and the groups that did
 * 'Activate Account' but not 'Invite New Contact' saved from MICROSCOPE(..., 1, DROPPED) as a cohort (its members
 * checked against the microscope's rows); an import from the server's upload folder, and errors as SQLExceptions.
 */
class CohortsTest {
    static final String CUSTOMIZED = "SELECT org_id FROM events WHERE event_type = 'Create customized report'";
    static final String RETENTION = "SELECT in_cohort, period_index, units, eligible_units, retention FROM ("
            + " SELECT org_id %1$s AS in_cohort,"
            + " RETENTION(event_type = 'Activate Account', event_type = 'Open App', INTERVAL '1' DAY, 7)"
            + " FROM events GROUP BY GROUP TYPE org_id, org_id %1$s) ORDER BY in_cohort, period_index";
    static final String MICROSCOPE = "SELECT MICROSCOPE(FUNNEL(event_type = 'Activate Account',"
            + " event_type = 'Invite New Contact'), 1, DROPPED) FROM events GROUP BY GROUP TYPE org_id";

    @TempDir
    static Path dir;
    static TroupeServer server;
    static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts());
        EventStore store = server.projects().get(Projects.DEFAULT_PROJECT).store();
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
        List<Command> batch = new ArrayList<>();
        long now = System.currentTimeMillis();
        B2bGenerator.Config data = B2bGenerator.Config.builder().seed(11).orgs(80).days(30).targetEvents(40_000).build();
        for (GeneratedCommand generated : new B2bGenerator(data)) {
            batch.add(mapper.toCommand(generated.toAmplitudeJson(), batch.size(), now));
            if (batch.size() == 5_000) {
                store.ingest(batch);
                batch.clear();
            }
        }
        store.ingest(batch);
        store.flush();
        var address = server.sqlAddress();
        connection = DriverManager.getConnection("jdbc:troupe://" + address.getHostString() + ":" + address.getPort()
                + "/" + Projects.DEFAULT_PROJECT, UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD);
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        server.close();
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void aBehavioralCohortInARetentionReportAgainstTheRest() throws SQLException {
        rows("CREATE OR REPLACE COHORT customized FOR GROUP TYPE org_id AS " + CUSTOMIZED);
        List<List<Object>> withCohort = rows(String.format(RETENTION, "IN COHORT customized"));
        List<List<Object>> inlined = rows(String.format(RETENTION, "IN (" + CUSTOMIZED + ")"));
        assertEquals(inlined, withCohort);
        assertEquals(16, withCohort.size(), "periods 0..7 for the cohort and for the rest: " + withCohort);
        assertEquals(false, withCohort.get(0).get(0));
        assertEquals(true, withCohort.get(8).get(0));
        assertTrue(((Number) withCohort.get(0).get(2)).longValue() > 0 && ((Number) withCohort.get(8).get(2)).longValue() > 0,
                "both sides have started orgs: " + withCohort);
    }

    @Test
    void theGroupsThatDroppedOffSavedFromTheMicroscope() throws SQLException {
        rows("CREATE OR REPLACE COHORT dropped FOR GROUP TYPE org_id AS " + MICROSCOPE);
        List<List<Object>> microscope = rows(MICROSCOPE + " ORDER BY 1");
        assertFalse(microscope.isEmpty(), "some orgs activated without inviting a contact");
        assertEquals(microscope, rows("SELECT member_value FROM cohort_members WHERE cohort = 'dropped' ORDER BY 1"));
        // a static copy freezes today's members, as Amplitude's microscope cohorts do
        rows("CREATE OR REPLACE STATIC COHORT dropped_today FOR GROUP TYPE org_id AS " + MICROSCOPE);
        assertEquals(List.of(List.of("static", (long) microscope.size())),
                rows("SELECT kind, member_count FROM cohorts WHERE name = 'dropped_today'"));
        // and the cohort works in a report: none of its orgs reached step 2
        assertEquals(List.of(List.of(1, (long) microscope.size()), List.of(2, 0L)), rows("SELECT step, units FROM ("
                + "SELECT FUNNEL(event_type = 'Activate Account', event_type = 'Invite New Contact') FROM events"
                + " WHERE org_id IN COHORT dropped GROUP BY GROUP TYPE org_id) ORDER BY step"));
    }

    @Test
    void anUploadedFileImportsAndErrorsArriveAsSqlExceptions() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("import").resolve(Projects.DEFAULT_PROJECT));
        Files.writeString(folder.resolve("vip.txt"), "org-1\r\norg-2\r\norg-1\r\n");
        rows("IMPORT COHORT vip FOR GROUP TYPE org_id FROM 'vip.txt'");
        assertEquals(List.of(List.of("vip", "org_id", "imported", "vip.txt", 2L)),
                rows("SELECT name, group_type, kind, definition, member_count FROM cohorts WHERE name = 'vip'"));
        SQLException outside = assertThrows(SQLException.class, () -> rows("IMPORT COHORT x FROM '../secrets/admin.token'"));
        assertEquals(ErrorCode.PATH_OUTSIDE_FOLDER.sqlState(), outside.getSQLState());
        assertEquals(ErrorCode.PATH_OUTSIDE_FOLDER.code(), outside.getErrorCode());
        SQLException unknown = assertThrows(SQLException.class,
                () -> rows("SELECT COUNT(*) FROM events WHERE org_id IN COHORT nope"));
        assertEquals(ErrorCode.UNKNOWN_COHORT.code(), unknown.getErrorCode());
        SQLException mismatch = assertThrows(SQLException.class,
                () -> rows("SELECT COUNT(*) FROM events WHERE user_id IN COHORT vip"));
        assertEquals(ErrorCode.COHORT_TYPE_MISMATCH.code(), mismatch.getErrorCode());
        assertTrue(rows("SHOW COHORTS").stream().anyMatch(r -> r.get(0).equals("vip")));
    }
}
