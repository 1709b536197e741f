package io.troupe.sql.parser;

import org.apache.calcite.runtime.Resources;
import org.apache.calcite.runtime.Resources.BaseMessage;
import org.apache.calcite.runtime.Resources.ExInst;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Messages of the errors that Troupe's parser extension raises itself, in Calcite's resource style: the parser turns
 * them into a {@code SqlParseException} that carries the position of the offending text.
 */
public interface TroupeParserResource {
    TroupeParserResource RESOURCE = Resources.create(TroupeParserResource.class);

    @BaseMessage("{0} may appear only once in {1}")
    ExInst<SqlValidatorException> duplicateClause(String clause, String function);

    @BaseMessage("EXCLUDING ... BETWEEN STEP {0} AND STEP {1}: the steps must satisfy 1 <= i < j <= {2} (the number of steps)")
    ExInst<SqlValidatorException> badExclusionSteps(int from, int to, int steps);

    @BaseMessage("{0} belongs in a SELECT over events: as an item of its SELECT list (FUNNEL, RETENTION, MICROSCOPE) or the first GROUP BY item (GROUP TYPE)")
    ExInst<SqlValidatorException> misplaced(String construct);
}
