package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The status row of statements without rows names the verb and the kind of object, not the modifiers. */
class StatusRowTest {
    @Test
    void verbAndKindWithoutModifiers() {
        assertEquals("CREATE USER", SqlSession.statusOf("create user analyst PASSWORD 'x'"));
        assertEquals("ALTER USER", SqlSession.statusOf("ALTER USER troupe PASSWORD 'y'"));
        assertEquals("CREATE COHORT", SqlSession.statusOf("CREATE OR REPLACE STATIC COHORT c FOR GROUP TYPE org_id AS SELECT 1"));
        assertEquals("IMPORT COHORT", SqlSession.statusOf("  IMPORT COHORT vip FROM 'vip.txt'"));
        assertEquals("DROP COHORT", SqlSession.statusOf("DROP COHORT IF EXISTS c"));
        assertEquals("CREATE GROUP TYPE", SqlSession.statusOf("CREATE GROUP TYPE IF NOT EXISTS account_id"));
        assertEquals("DROP GROUP TYPE", SqlSession.statusOf("DROP\n GROUP   TYPE account_id FORCE"));
        assertEquals("CREATE DYNAMIC GROUP PROPERTY", SqlSession.statusOf(
                "CREATE OR REPLACE DYNAMIC GROUP PROPERTY p FOR GROUP TYPE org_id AS UNIQUES() OVER CALENDAR WEEK"));
        assertEquals("DROP DYNAMIC GROUP PROPERTY", SqlSession.statusOf("DROP DYNAMIC GROUP PROPERTY p"));
    }
}
