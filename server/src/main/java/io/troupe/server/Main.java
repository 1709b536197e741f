package io.troupe.server;

import io.troupe.common.TroupeException;
import io.troupe.server.config.Arguments;
import io.troupe.server.config.ServerConfig;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.load.LoadCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code bin/troupe} entry point: {@code server} and {@code demo} run the server in the foreground;
 * {@code load} and {@code query} open a project's store in this process (refused while a server holds the
 * data directory); {@code project} and {@code user} manage projects and SQL users.
 */
public final class Main {
    static final String USAGE = """
            usage: troupe server [--data DIR] [--config FILE] [--bind ADDR] [--sql-port N] [--http-port N] [--admin-port N]
                   troupe demo [--events N] [server options]   the server, with a generated sample in an empty project
                   troupe load --file F --format csv|tsv|jsonl|group-csv [--data DIR] [--project P]
                   troupe sql [--host H] [--port N] [--project P] [--user U] [--password P]   sqlline on a running server
                   troupe query [--data DIR] [--project P] "SQL; ..."   (or statements on stdin; no server running)
                   troupe project create NAME [--data DIR]
                   troupe restore --snapshot DIR [--data DIR] [--project P] [--replace]   (no server running)
                   troupe user create NAME [--admin] | password NAME | drop NAME | list   [--password P] [--data DIR]""";

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        try {
            ServerConfig config = ServerConfig.fromArguments(rest);
            int status = switch (command) {
                case "server" -> {
                    ServerCommand.serve(config, 0, System.out);
                    yield 0;
                }
                case "demo" -> {
                    ServerCommand.serve(config, Long.parseLong(Arguments.option(rest, "--events", "2000000")), System.out);
                    yield 0;
                }
                case "load" -> offline(config, Arguments.option(rest, "--project", "default"), store ->
                        LoadCommand.run(withoutStoreOptions(rest), store, store.catalog().state().groupTypeNames(), System.out));
                case "query" -> offline(config, Arguments.option(rest, "--project", "default"), store -> {
                    String sql = String.join(" ", withoutStoreOptions(rest));
                    return QueryCommand.run(store, sql.isBlank() ? readStdin() : sql, System.out);
                });
                case "project" -> ProjectCommand.run(withoutStoreOptions(rest), config, System.out);
                case "user" -> UserCommand.run(withoutStoreOptions(rest), config, System.out);
                case "restore" -> io.troupe.server.admin.RestoreCommand.run(rest, System.out, System.err);
                default -> {
                    System.err.println(USAGE);
                    yield 2;
                }
            };
            System.exit(status);
        } catch (TroupeException e) {
            System.err.printf("ERROR %d %s: %s%n", e.errorCode().code(), e.errorCode().symbol(), e.getMessage());
            System.exit(1);
        } catch (NumberFormatException e) {
            System.err.println("ERROR: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    /** Work on one project's store in this process, holding the data directory's lock; flushes afterwards. */
    private static int offline(ServerConfig config, String project, java.util.function.ToIntFunction<EventStore> work) {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
             EventStore store = EventStore.open(StoreConfig.defaults(project, config.dataDirectory().resolve(project)))) {
            int status = work.applyAsInt(store);
            store.flush();
            return status;
        }
    }

    private static String readStdin() {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The arguments without the process's own options ({@code --data}, {@code --project}, {@code --config}, ports). */
    static String[] withoutStoreOptions(String[] args) {
        List<String> options = List.of("--data", "--project", "--config", "--bind", "--sql-port", "--http-port", "--admin-port");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (options.contains(args[i]) && i + 1 < args.length) {
                i++;
            } else {
                kept.add(args[i]);
            }
        }
        return kept.toArray(String[]::new);
    }
}
