package io.troupe.storage.load;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The two delimited file formats a user can load. CSV follows RFC 4180 (double quotes around values that
 * hold commas, quotes or line breaks). TSV has no quoting at all, as the IANA definition says, so a
 * double quote in a TSV cell is just a character.
 */
public enum DelimitedFormat {
    CSV(CsvSchema.emptySchema()),
    TSV(CsvSchema.emptySchema().withColumnSeparator('\t').withoutQuoteChar().withoutEscapeChar());

    private final CsvSchema schema;

    DelimitedFormat(CsvSchema schema) {
        this.schema = schema;
    }

    /** The Jackson schema that reads every row, header included, as an array of strings. */
    CsvSchema schema() {
        return schema;
    }
}
