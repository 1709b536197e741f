package io.troupe.server.config;

import java.util.Arrays;

/** Command-line options of {@code bin/troupe}: {@code --name value} pairs and bare {@code --flag}s. */
public final class Arguments {
    private Arguments() {
    }

    /** The value after {@code name}, or {@code fallback} when the option is absent. */
    public static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** True when the bare flag {@code name} is given. */
    public static boolean flag(String[] args, String name) {
        return Arrays.asList(args).contains(name);
    }
}
