package io.troupe.sql.parser;

import org.apache.calcite.sql.SqlOperator;

/**
 * The operators of the syntax Troupe adds to Calcite's parser, in one place. Each builds and unparses its own node
 * class; none validates yet (see {@link TroupeSyntaxOperator}).
 *
 * <p>{@code UNIQUES()}, {@code FUNNEL_LEVEL(...)}, {@code RETENTION_FLAGS(...)}, {@code GROUP_PROPERTY(...)} and
 * {@code CURRENT_GROUP_PROPERTY(...)} have ordinary call syntax: the parser leaves them as calls of an unresolved
 * function of that name (so {@code FILTER (WHERE ...)} and {@code OVER (...)} still apply to them), which the
 * validator resolves through its operator table like any function.
 */
public final class TroupeOperators {
    /** {@code GROUP TYPE <group type>} as the first GROUP BY item: {@link SqlGroupByGroupType}. */
    public static final SqlOperator GROUP_BY_GROUP_TYPE = SqlGroupByGroupType.OPERATOR;
    /** {@code FUNNEL(...)}: {@link SqlFunnel}. */
    public static final SqlOperator FUNNEL = SqlFunnel.OPERATOR;
    /** {@code EXCLUDING (...) [BETWEEN STEP i AND STEP j]} inside a funnel: {@link SqlFunnelExclusion}. */
    public static final SqlOperator FUNNEL_EXCLUSION = SqlFunnelExclusion.OPERATOR;
    /** {@code RETENTION(...)}: {@link SqlRetention}. */
    public static final SqlOperator RETENTION = SqlRetention.OPERATOR;
    /** {@code MICROSCOPE(...)}: {@link SqlMicroscope}. */
    public static final SqlOperator MICROSCOPE = SqlMicroscope.OPERATOR;

    private TroupeOperators() {
    }
}
