package io.troupe.sql;

import io.troupe.sql.report.ReportRewriter;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * Calcite's validator, after the dialect's group-level constructs (GROUP BY GROUP TYPE, UNIQUES, FUNNEL, RETENTION,
 * MICROSCOPE) have been rewritten into standard SQL over Troupe's report function ({@link ReportRewriter}).
 */
final class TroupeValidator extends SqlValidatorImpl {
    private final ReportRewriter rewriter;
    private final java.util.function.Predicate<String> groupTypes;

    TroupeValidator(SqlOperatorTable operators, SqlValidatorCatalogReader reader, RelDataTypeFactory types, Config config,
                    ReportRewriter rewriter, java.util.function.Predicate<String> groupTypes) {
        super(operators, reader, types, config);
        this.rewriter = rewriter;
        this.groupTypes = groupTypes;
    }

    /** The account look-up's literal arguments are checked first, to report them at their place in the SQL. */
    @Override
    public SqlNode validate(SqlNode topNode) {
        io.troupe.sql.lookup.LookupCalls.check(topNode, groupTypes);
        return super.validate(rewriter.rewrite(topNode));
    }
}
