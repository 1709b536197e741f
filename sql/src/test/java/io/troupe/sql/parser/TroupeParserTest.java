package io.troupe.sql.parser;

import org.apache.calcite.sql.parser.SqlParserFixture;
import org.apache.calcite.sql.parser.SqlParserTest;

/**
 * Calcite's whole parser test suite ({@link SqlParserTest}, about 480 tests) run against Troupe's extended parser,
 * as Calcite's server module does with {@code ServerParserTest}: standard SQL parses and unparses exactly as with
 * Calcite's own parser, and the suite's reserved-word check ({@code testNoUnintendedNewReservedKeywords}) proves
 * that the dialect's new words are all non-reserved.
 *
 * <p>No stock test is overridden: with every new word non-reserved and the grammar's only change to existing
 * productions being two tokens of look-ahead before {@code WITHIN GROUP} and an optional {@code GROUP TYPE}
 * first item in GROUP BY, every stock expectation (including the expected-token lists of error messages, which
 * leave non-reserved words out) still holds.
 */
public class TroupeParserTest extends SqlParserTest {
    /** The suite's default fixture with Troupe's parser factory. */
    static SqlParserFixture troupeFixture() {
        return SqlParserFixture.DEFAULT.withConfig(c -> c.withParserFactory(TroupeSqlParserImpl.FACTORY));
    }

    @Override
    public SqlParserFixture fixture() {
        return super.fixture().withConfig(c -> c.withParserFactory(TroupeSqlParserImpl.FACTORY));
    }
}
