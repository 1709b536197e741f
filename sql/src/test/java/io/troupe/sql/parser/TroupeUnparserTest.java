package io.troupe.sql.parser;

import org.apache.calcite.sql.parser.SqlParserFixture;

/**
 * Calcite's parser suite once more against Troupe's parser, with the tester that also unparses each statement,
 * parses the result and unparses again, requiring the same text (Calcite's own {@code SqlUnParserTest}).
 */
public class TroupeUnparserTest extends TroupeParserTest {
    @Override
    public SqlParserFixture fixture() {
        return super.fixture().withTester(new UnparsingTesterImpl());
    }
}
