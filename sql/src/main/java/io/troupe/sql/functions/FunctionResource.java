package io.troupe.sql.functions;

import org.apache.calcite.runtime.Resources;
import org.apache.calcite.runtime.Resources.BaseMessage;
import org.apache.calcite.runtime.Resources.ExInst;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Messages of the validation errors Troupe's own functions raise, in Calcite's resource style (the validator adds
 * the position of the offending argument). Each says what to write instead.
 */
public interface FunctionResource {
    FunctionResource RESOURCE = Resources.create(FunctionResource.class);

    @BaseMessage("{0}''s {1} must be a literal, such as {2}")
    ExInst<SqlValidatorException> literalArgument(String function, String argument, String example);

    @BaseMessage("{0}''s {1} must be {2}, not {3}")
    ExInst<SqlValidatorException> argumentOutOfRange(String function, String argument, String range, String given);
}
