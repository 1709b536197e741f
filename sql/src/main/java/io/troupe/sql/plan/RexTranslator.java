package io.troupe.sql.plan;

import io.troupe.sql.cohort.CohortFunction;
import io.troupe.sql.exec.AggCall;
import io.troupe.sql.exec.Operand;
import io.troupe.sql.exec.Output;
import io.troupe.sql.exec.Predicate;
import io.troupe.sql.exec.TimeBucket;
import io.troupe.sql.functions.DateTruncFunction;
import io.troupe.sql.functions.GroupPropertyFunctions;
import io.troupe.sql.schema.EventField;
import io.troupe.sql.schema.EventLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Which row expressions Troupe evaluates itself, and their plan form. Anything not recognised here stays
 * with Calcite (null is returned), so the answer is the same either way; only the speed differs.
 */
final class RexTranslator {
    private RexTranslator() {
    }

    /** The predicate of a condition over the scan's columns, or null when Troupe cannot evaluate it. */
    static Predicate predicate(RexNode node, EventLayout layout) {
        Predicate cohort = inCohort(node, layout, false);
        if (cohort != null) {
            return cohort;
        }
        switch (node.getKind()) {
            case AND:
            case OR: {
                List<Predicate> terms = new ArrayList<>();
                for (RexNode operand : ((RexCall) node).getOperands()) {
                    Predicate p = predicate(operand, layout);
                    if (p == null) {
                        return null;
                    }
                    terms.add(p);
                }
                return node.getKind() == SqlKind.AND ? new Predicate.And(terms) : new Predicate.Or(terms);
            }
            case NOT: {
                RexNode operand = ((RexCall) node).getOperands().get(0);
                Predicate notIn = inCohort(operand, layout, true);
                if (notIn != null) {
                    return notIn; // NULL IN COHORT is NULL, and so is its NOT: false either way in a filter
                }
                Predicate p = predicate(operand, layout);
                return p != null && neverUnknown(operand, layout) ? new Predicate.Not(p) : null;
            }
            case IS_NULL:
            case IS_NOT_NULL: {
                Integer field = idField(((RexCall) node).getOperands().get(0), layout);
                return field == null ? null : new Predicate.IsNull(field, node.getKind() == SqlKind.IS_NOT_NULL);
            }
            case EQUALS:
            case NOT_EQUALS:
            case LESS_THAN:
            case LESS_THAN_OR_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL:
                return comparison((RexCall) node, layout);
            case LIKE: {
                RexCall call = (RexCall) node;
                if (call.getOperator() != SqlStdOperatorTable.LIKE && call.getOperator() != SqlStdOperatorTable.NOT_LIKE) {
                    return null; // ILIKE, SIMILAR TO and friends
                }
                Integer field = idField(call.getOperands().get(0), layout);
                Operand pattern = constant(call.getOperands().get(1));
                Operand escape = call.getOperands().size() > 2 ? constant(call.getOperands().get(2)) : null;
                if (field == null || pattern == null || (call.getOperands().size() > 2 && escape == null)) {
                    return null;
                }
                return new Predicate.Like(field, pattern, escape, call.getOperator() == SqlStdOperatorTable.NOT_LIKE);
            }
            case SEARCH:
                return null; // expanded by the rule before translation
            default:
                return null;
        }
    }

    /** {@code IN_COHORT(column, 'name')} on a dictionary column (a group column, user_id), or null. */
    private static Predicate inCohort(RexNode node, EventLayout layout, boolean negated) {
        if (node instanceof RexCall call && call.getOperator() instanceof SqlUserDefinedFunction udf
                && udf.getFunction() == CohortFunction.INSTANCE
                && call.getOperands().get(1) instanceof RexLiteral name) {
            Integer field = idField(call.getOperands().get(0), layout);
            return field == null ? null : new Predicate.InCohort(field, name.getValueAs(String.class), negated);
        }
        return null;
    }

    private static Predicate comparison(RexCall call, EventLayout layout) {
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (constant(left) != null && constant(right) == null) {
            RexNode t = left;
            left = right;
            right = t;
            kind = kind.reverse();
        }
        Operand value = constant(right);
        if (value == null) {
            return null;
        }
        Integer id = idField(left, layout);
        if (id != null && isCharacter(right)) {
            return switch (kind) {
                case EQUALS -> new Predicate.IdIn(id, List.of(value), false);
                case NOT_EQUALS -> new Predicate.IdIn(id, List.of(value), true);
                default -> null; // string order needs the strings
            };
        }
        if (isTimeField(left, layout) && right.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            Predicate.Comparison op = switch (kind) {
                case EQUALS -> Predicate.Comparison.EQ;
                case NOT_EQUALS -> Predicate.Comparison.NE;
                case LESS_THAN -> Predicate.Comparison.LT;
                case LESS_THAN_OR_EQUAL -> Predicate.Comparison.LE;
                case GREATER_THAN -> Predicate.Comparison.GT;
                case GREATER_THAN_OR_EQUAL -> Predicate.Comparison.GE;
                default -> null;
            };
            return op == null ? null : new Predicate.TimeCompare(op, value);
        }
        return null;
    }

    /** True when a translated condition is TRUE or FALSE for every row (so NOT of it is exact). */
    private static boolean neverUnknown(RexNode node, EventLayout layout) {
        switch (node.getKind()) {
            case IS_NULL:
            case IS_NOT_NULL:
                return true;
            case AND:
            case OR:
            case NOT:
                return ((RexCall) node).getOperands().stream().allMatch(o -> neverUnknown(o, layout));
            default:
                if (node instanceof RexCall call) {
                    for (RexNode o : call.getOperands()) {
                        if (o.getType().isNullable() || o instanceof RexDynamicParam) {
                            return false;
                        }
                    }
                    return true;
                }
                return false;
        }
    }

    private static boolean isCharacter(RexNode node) {
        return SqlTypeFamily.CHARACTER.contains(node.getType());
    }

    /** A literal or parameter, or null. */
    static Operand constant(RexNode node) {
        if (node instanceof RexLiteral lit) {
            if (lit.isNull()) {
                return new Operand.Literal(null);
            }
            if (SqlTypeFamily.CHARACTER.contains(lit.getType())) {
                return new Operand.Literal(lit.getValueAs(String.class));
            }
            if (lit.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
                return new Operand.Literal(lit.getValueAs(Long.class));
            }
            return null;
        }
        if (node instanceof RexDynamicParam param) {
            return new Operand.Param(param.getIndex());
        }
        if (node instanceof RexCall call && node.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            if (call.getKind() == SqlKind.CAST
                    && call.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
                return constant(call.getOperands().get(0)); // a change of precision: milliseconds either way
            }
            if (call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.CURRENT_TIMESTAMP
                    || call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.LOCALTIMESTAMP) {
                return new Operand.Now();
            }
            if ((call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS) && call.getOperands().size() == 2
                    && call.getOperands().get(1) instanceof RexLiteral interval
                    && SqlTypeFamily.INTERVAL_DAY_TIME.contains(interval.getType())) {
                Operand time = constant(call.getOperands().get(0));
                Long ms = interval.getValueAs(Long.class);
                if (time != null && ms != null) {
                    return new Operand.Shifted(time, call.getKind() == SqlKind.MINUS ? -ms : ms);
                }
            }
        }
        return null;
    }

    /** The column number of a dictionary-id column reference (through a cast to VARCHAR), or null. */
    private static Integer idField(RexNode node, EventLayout layout) {
        RexNode n = node;
        if (n.getKind() == SqlKind.CAST && n.getType().getSqlTypeName() == SqlTypeName.VARCHAR) {
            n = ((RexCall) n).getOperands().get(0);
        }
        if (n instanceof RexInputRef ref && layout.field(ref.getIndex()).isId()) {
            return ref.getIndex();
        }
        return null;
    }

    private static boolean isTimeField(RexNode node, EventLayout layout) {
        return node instanceof RexInputRef ref && layout.field(ref.getIndex()).isTime();
    }

    /** The output of a projected expression over the scan's columns, or null. */
    static Output output(RexNode node, EventLayout layout) {
        if (node instanceof RexInputRef ref) {
            return new Output.Field(ref.getIndex());
        }
        if (!(node instanceof RexCall call)) {
            return null;
        }
        if (call.getKind() == SqlKind.ITEM && call.getOperands().get(0) instanceof RexCall map
                && map.getOperator() instanceof SqlUserDefinedFunction all
                && all.getFunction() == GroupPropertyFunctions.PROPERTIES
                && map.getOperands().get(0) instanceof RexLiteral type
                && groupRef(map.getOperands().get(1)) instanceof RexInputRef group
                && call.getOperands().get(1) instanceof RexLiteral property
                && layout.field(group.getIndex()).isGroup()
                && layout.field(group.getIndex()).name().equals(type.getValueAs(String.class))) {
            // properties['region'] of a profile joined on the group (see ProfileJoinRule)
            return new Output.GroupProperty(group.getIndex(), property.getValueAs(String.class));
        }
        if (call.getKind() == SqlKind.FLOOR && call.getOperands().size() == 2
                && isTimeField(call.getOperands().get(0), layout)
                && call.getOperands().get(1) instanceof RexLiteral unitLiteral) {
            Object v = unitLiteral.getValue();
            TimeBucket unit = v instanceof TimeUnitRange r ? TimeBucket.parse(r.name()) : null;
            return unit == null || unit == TimeBucket.WEEK ? null
                    : new Output.Floor(((RexInputRef) call.getOperands().get(0)).getIndex(), unit);
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction lookup
                && lookup.getFunction() == GroupPropertyFunctions.LOOKUP
                && call.getOperands().get(0) instanceof RexLiteral type
                && call.getOperands().get(1) instanceof RexInputRef group
                && call.getOperands().get(2) instanceof RexLiteral property
                && layout.field(group.getIndex()).isGroup()
                && layout.field(group.getIndex()).name().equals(type.getValueAs(String.class))) {
            return new Output.GroupProperty(group.getIndex(), property.getValueAs(String.class));
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction lookup
                && lookup.getFunction() == GroupPropertyFunctions.LOOKUP_AT
                && call.getOperands().get(0) instanceof RexLiteral type
                && call.getOperands().get(1) instanceof RexInputRef group
                && call.getOperands().get(2) instanceof RexLiteral property
                && isTimeField(call.getOperands().get(3), layout)
                && layout.field(group.getIndex()).isGroup()
                && layout.field(group.getIndex()).name().equals(type.getValueAs(String.class))) {
            return new Output.GroupPropertyAt(group.getIndex(), property.getValueAs(String.class));
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction udf
                && udf.getFunction() instanceof DateTruncFunction
                && call.getOperands().get(0) instanceof RexLiteral unit
                && isTimeField(call.getOperands().get(1), layout)) {
            TimeBucket bucket = TimeBucket.parse(unit.getValueAs(String.class));
            return bucket == null ? null : new Output.Floor(((RexInputRef) call.getOperands().get(1)).getIndex(), bucket);
        }
        return null;
    }

    /** A group column reference, through the cast to NOT NULL the profile join puts around it. */
    private static RexNode groupRef(RexNode node) {
        if (node.getKind() == SqlKind.CAST) {
            return ((RexCall) node).getOperands().get(0);
        }
        return node;
    }

    /** The Troupe form of an aggregate call, or null when Troupe does not compute it. */
    static AggCall aggCall(AggregateCall call) {
        if (call.filterArg >= 0 || call.isApproximate() || !call.getCollation().getFieldCollations().isEmpty()) {
            return null;
        }
        switch (call.getAggregation().getKind()) {
            case COUNT:
                if (call.getArgList().isEmpty()) {
                    return call.isDistinct() ? null : new AggCall(AggCall.Kind.COUNT_STAR, -1);
                }
                if (call.getArgList().size() != 1) {
                    return null;
                }
                return new AggCall(call.isDistinct() ? AggCall.Kind.COUNT_DISTINCT : AggCall.Kind.COUNT, call.getArgList().get(0));
            case MIN:
            case MAX:
                if (call.getArgList().size() != 1) {
                    return null;
                }
                return new AggCall(call.getAggregation().getKind() == SqlKind.MIN ? AggCall.Kind.MIN : AggCall.Kind.MAX,
                        call.getArgList().get(0));
            default:
                return null;
        }
    }

    /** Whether an output can be a grouping key (a dense code) or the argument of {@code kind}. */
    static boolean supports(Output o, EventLayout layout, AggCall.Kind kind) {
        EventField f = layout.field(o.field());
        boolean floor = o instanceof Output.Floor || o instanceof Output.GroupPropertyKey;
        if (kind == null || kind == AggCall.Kind.COUNT_DISTINCT) {
            return floor || f.isId();
        }
        return switch (kind) {
            case COUNT_STAR -> true;
            case COUNT -> floor || f.isId() || f.isTime();
            case MIN, MAX -> o instanceof Output.Floor || (o instanceof Output.Field && f.isTime());
            default -> false;
        };
    }
}
