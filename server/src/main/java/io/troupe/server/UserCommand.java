package io.troupe.server;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.config.Arguments;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.security.Secrets;
import io.troupe.server.security.UserAccounts;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code bin/troupe user create NAME [--admin] | password NAME | drop NAME | list}: manages SQL users in the
 * data directory's {@code secrets/users.json}. A running server reads the file again when it changes, so
 * this works with or without one. The password comes from {@code --password}, the terminal (asked twice,
 * not echoed) or the first line of standard input.
 */
final class UserCommand {
    private UserCommand() {
    }

    static int run(String[] args, ServerConfig config, PrintStream out) {
        if (args.length < 1) {
            throw usage();
        }
        UserAccounts users = UserAccounts.open(Secrets.open(config.dataDirectory()));
        switch (args[0]) {
            case "list" -> users.names().forEach(n -> out.println(n + (users.isAdmin(n) ? " (admin)" : "")));
            case "create" -> {
                String name = name(args);
                users.create(name, password(args, out), Arguments.flag(args, "--admin"));
                out.println("Created user " + name);
            }
            case "password" -> {
                String name = name(args);
                users.setPassword(name, password(args, out));
                out.println("Changed the password of " + name);
            }
            case "drop" -> {
                String name = name(args);
                users.drop(name);
                out.println("Dropped user " + name);
            }
            default -> throw usage();
        }
        return 0;
    }

    private static String name(String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            throw usage();
        }
        return args[1];
    }

    private static String password(String[] args, PrintStream out) {
        String given = Arguments.option(args, "--password", null);
        if (given != null) {
            return given;
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("New password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "the two passwords differ");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "no password on standard input; use --password");
            }
            return line;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "reading the password: " + e.getMessage());
        }
    }

    private static TroupeException usage() {
        return new TroupeException(ErrorCode.INVALID_ARGUMENT,
                "usage: troupe user create NAME [--admin] [--password P] | password NAME [--password P] | drop NAME | list");
    }
}
