package io.troupe.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SHOW ...}: each form is a query of the catalog table that lists those objects, ordered by name, so that
 * SHOW needs no execution path of its own and a client sees an ordinary result set.
 */
public final class SqlShow {
    /** What SHOW lists, and the table that holds it. */
    public enum Target {
        COHORTS("cohorts"),
        GROUP_TYPES("group_types"),
        DYNAMIC_GROUP_PROPERTIES("dynamic_group_properties");

        private final String table;

        Target(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }
    }

    private SqlShow() {
    }

    /** {@code SELECT * FROM <table> ORDER BY name}. */
    static SqlNode query(Target target, SqlParserPos pos) {
        SqlSelect select = new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)),
                new SqlIdentifier(target.table, pos), null, null, null, null, null, null, null, null, null);
        return new org.apache.calcite.sql.SqlOrderBy(pos, select,
                SqlNodeList.of(new SqlIdentifier("name", pos)), null, null);
    }
}
