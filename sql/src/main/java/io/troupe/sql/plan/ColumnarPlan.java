package io.troupe.sql.plan;

import io.troupe.sql.exec.ColumnarResult;
import io.troupe.sql.exec.EventQuery;
import io.troupe.sql.exec.ScopedDataContext;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A statement whose whole physical plan is a plain Troupe scan of {@code events}: a {@link TroupeToEnumerableConverter}
 * over {@link TroupeTableScan}, optionally a {@link TroupeFilter} and a {@link TroupeProject} of columns that a
 * {@link ColumnarResult} reads (times, time buckets, dictionary and text columns), optionally under a LIMIT/OFFSET of
 * literals. Such a statement's rows can be handed over as column chunks ({@link #open}) instead of through Calcite's
 * row enumerator; anything else (aggregation, sort, join, an expression Calcite computes, a map column) has no
 * columnar plan.
 *
 * @param query   the scan, as the generated code runs it
 * @param columns the scan output of each result column
 * @param offset  rows to skip
 * @param fetch   rows to produce at most, -1 for all
 */
public record ColumnarPlan(EventQuery query, int[] columns, long offset, long fetch) {

    /** The columnar plan of a statement's optimized plan, or null when its rows must come from the row path. */
    public static ColumnarPlan of(RelRoot root) {
        RelNode rel = root.rel;
        long offset = 0;
        long fetch = -1;
        if (rel instanceof EnumerableLimit limit) {
            offset = literal(limit.offset, 0);
            fetch = literal(limit.fetch, -1);
            if (offset < 0 || (limit.fetch != null && fetch < 0)) {
                return null; // a ? or an expression: the row path
            }
            rel = limit.getInput();
        }
        if (!(rel instanceof TroupeToEnumerableConverter converter) || !plainScan(converter.getInput())) {
            return null;
        }
        EventQuery query = converter.query();
        if (query.aggregates() || query.report() != null || query.topN() != null) {
            return null;
        }
        List<RelDataTypeField> types = rel.getRowType().getFieldList();
        int[] columns = new int[root.fields.size()];
        for (int c = 0; c < columns.length; c++) {
            int output = root.fields.leftList().get(c);
            ColumnarResult.Kind kind = ColumnarResult.kindOf(query.layout(), query.outputs().get(output));
            SqlTypeName type = types.get(output).getType().getSqlTypeName();
            boolean typed = kind == ColumnarResult.Kind.TIME ? type == SqlTypeName.TIMESTAMP
                    : type == SqlTypeName.VARCHAR || type == SqlTypeName.CHAR;
            if (kind == null || !typed) {
                return null;
            }
            columns[c] = output;
        }
        return new ColumnarPlan(query, columns, offset, fetch);
    }

    /** Scan, filter and projection only, in that order from the bottom. */
    private static boolean plainScan(RelNode node) {
        RelNode rel = TroupeRules.unwrap(node);
        if (rel instanceof TroupeProject || rel instanceof TroupeFilter) {
            return plainScan(rel.getInput(0));
        }
        return rel instanceof TroupeTableScan;
    }

    /** A non-negative integer literal's value; {@code absent} for no node; -2 for anything else. */
    private static long literal(RexNode node, long absent) {
        if (node == null) {
            return absent;
        }
        Long value = node instanceof RexLiteral literal ? literal.getValueAs(Long.class) : null;
        return value != null && value >= 0 ? value : -2;
    }

    /** Runs the scan in {@code context}'s scope, which the result then owns. */
    public ColumnarResult open(ScopedDataContext context) {
        return query.columnar(context, columns, offset, fetch);
    }
}
