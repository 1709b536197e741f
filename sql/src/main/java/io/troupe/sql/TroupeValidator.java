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

    TroupeValidator(SqlOperatorTable operators, SqlValidatorCatalogReader reader, RelDataTypeFactory types, Config config,
                    ReportRewriter rewriter) {
        super(operators, reader, types, config);
        this.rewriter = rewriter;
    }

    @Override
    public SqlNode validate(SqlNode topNode) {
        return super.validate(rewriter.rewrite(topNode));
    }
}
