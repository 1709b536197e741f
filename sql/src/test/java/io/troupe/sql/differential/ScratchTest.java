package io.troupe.sql.differential;

import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.file.Path;
import java.util.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir Path dir;

    @Test
    void explore() throws Exception {
        try (TestProject p = new TestProject(dir)) {
            long a0 = System.nanoTime();
            p.loadGenerated(B2bGenerator.Config.builder().seed(7).orgs(60).days(21).targetEvents(Integer.getInteger("n", 5000)).build());
            long a1 = System.nanoTime();
            p.flush();
            System.out.println("load " + (a1 - a0) / 1e6 + " flush " + (System.nanoTime() - a1) / 1e6);
            SqlSession s = p.session();
            s.setTimeoutSeconds(60);
            for (String q : System.getProperty("qs").split(";;")) {
                for (int rep = 0; rep < 2; rep++) {
                long a = System.nanoTime();
                try {
                    List<List<Object>> rows = s.rows(q);
                    System.out.println((System.nanoTime() - a) / 1e6 + " ms: " + q.substring(0, Math.min(q.length(), 150)) + " -> " + (rows.size() > 3 ? rows.subList(0, 3) + "..." + rows.size() : rows));
                } catch (Throwable e) { System.out.println("FAIL " + (System.nanoTime() - a) / 1e6 + " ms " + q + "\n   " + e); }
                }
            }
        }
    }
}
