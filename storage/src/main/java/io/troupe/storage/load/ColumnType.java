package io.troupe.storage.load;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.Locale;

/**
 * The JSON type a file's property column becomes. Inferred from the file unless the user names it
 * ({@code --column-type zip=string}), because inference cannot know that {@code 12345} is a postcode.
 */
public enum ColumnType {
    STRING, NUMBER, BOOLEAN;

    /** Parses {@code string}, {@code number} or {@code boolean}, in any case. */
    public static ColumnType parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "string" -> STRING;
            case "number" -> NUMBER;
            case "boolean" -> BOOLEAN;
            default -> throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                    "Unknown column type '" + name + "': use string, number or boolean");
        };
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
