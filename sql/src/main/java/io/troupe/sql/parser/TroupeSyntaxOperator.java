package io.troupe.sql.parser;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Base of the operators of Troupe's own syntax ({@code FUNNEL(...)}, {@code GROUP TYPE ...}): special syntax, with
 * the precedence of a function call so that unparsing never wraps them in parentheses. Each subclass builds its
 * own {@link SqlCall} subclass in {@code createCall} (so that copies made by shuttles and {@code clone} keep the
 * node's type) and unparses it.
 *
 * <p>The validator never sees these nodes where they belong: {@code ReportRewriter} rewrites every SELECT that holds
 * them into standard SQL first. One left elsewhere (in VALUES, say) fails validation at its position.
 */
public abstract class TroupeSyntaxOperator extends SqlSpecialOperator {
    /** Precedence of a function call: never parenthesized when unparsed. */
    static final int FUNCTION_PRECEDENCE = 100;

    protected TroupeSyntaxOperator(String name, SqlKind kind) {
        super(name, kind, FUNCTION_PRECEDENCE);
    }

    @Override
    public void validateCall(SqlCall call, SqlValidator validator, SqlValidatorScope scope,
            SqlValidatorScope operandScope) {
        throw validator.newValidationError(call, TroupeParserResource.RESOURCE.misplaced(getName()));
    }

    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
        throw validator.newValidationError(call, TroupeParserResource.RESOURCE.misplaced(getName()));
    }
}
