package io.troupe.common.wire;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages of protocol version 1, one record per {@link MessageType} that is not reserved. Layouts are
 * in docs/protocol.md and {@link MessageCodec}. Query ids are chosen by the client, non-zero, and echoed in
 * every message about that query.
 */
public sealed interface Message {
    MessageType type();

    private static void checkVersion(int version) {
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("a protocol version is 0 to 65535 (uint16), not " + version);
        }
    }

    /** Client, first message: the protocol version it speaks. */
    record Hello(int version, String client) implements Message {
        public Hello {
            Objects.requireNonNull(client, "client is null");
            checkVersion(version);
        }

        @Override
        public MessageType type() {
            return MessageType.HELLO;
        }
    }

    /** Client, after HELLO_OK: who connects, to which project. */
    record Authenticate(String user, String password, String project) implements Message {
        public Authenticate {
            Objects.requireNonNull(user, "user is null");
            Objects.requireNonNull(password, "password is null");
            Objects.requireNonNull(project, "project is null");
        }

        @Override
        public MessageType type() {
            return MessageType.AUTHENTICATE;
        }

        @Override
        public String toString() { // never the password in a log line
            return "Authenticate[user=" + user + ", project=" + project + "]";
        }
    }

    /** Client: run a statement; its results follow with the same query id. */
    record Query(long queryId, String sql, QueryOptions options, List<Parameter> parameters) implements Message {
        public Query {
            Objects.requireNonNull(sql, "sql is null");
            Objects.requireNonNull(options, "options is null");
            parameters = List.copyOf(parameters);
        }

        @Override
        public MessageType type() {
            return MessageType.QUERY;
        }
    }

    /** Client: stop the query of that id if it still runs; no answer of its own (the query ends with ERROR). */
    record Cancel(long queryId) implements Message {
        @Override
        public MessageType type() {
            return MessageType.CANCEL;
        }
    }

    /** Client: goodbye; the server cancels a running query and closes the connection. */
    record Close() implements Message {
        @Override
        public MessageType type() {
            return MessageType.CLOSE;
        }
    }

    /** Server: the version is accepted. */
    record HelloOk(int version, String server) implements Message {
        public HelloOk {
            Objects.requireNonNull(server, "server is null");
            checkVersion(version);
        }

        @Override
        public MessageType type() {
            return MessageType.HELLO_OK;
        }
    }

    /** Server: authenticated; the connection is ready for queries. Properties as {@code WireFormat.PROPERTY_*}. */
    record AuthOk(Map<String, String> properties) implements Message {
        public AuthOk {
            properties = Map.copyOf(properties);
        }

        @Override
        public MessageType type() {
            return MessageType.AUTH_OK;
        }
    }

    /** Server: a result's columns, as one encapsulated Arrow IPC Schema message. */
    record ResultSchema(long queryId, ByteBuffer arrow) implements Message {
        public ResultSchema {
            arrow = arrow.asReadOnlyBuffer();
        }

        @Override
        public MessageType type() {
            return MessageType.RESULT_SCHEMA;
        }
    }

    /** Server: rows of a result, as one encapsulated Arrow IPC RecordBatch message of {@code rowCount} rows. */
    record ResultBatch(long queryId, int rowCount, ByteBuffer arrow) implements Message {
        public ResultBatch {
            arrow = arrow.asReadOnlyBuffer();
        }

        @Override
        public MessageType type() {
            return MessageType.RESULT_BATCH;
        }

        @Override
        public String toString() {
            return "ResultBatch[queryId=" + queryId + ", rowCount=" + rowCount + ", " + arrow.remaining() + " bytes]";
        }
    }

    /** Server: a result ended after {@code rowCount} rows; {@code truncated} when its max rows stopped it. */
    record ResultEnd(long queryId, long rowCount, boolean truncated) implements Message {
        @Override
        public MessageType type() {
            return MessageType.RESULT_END;
        }
    }

    /**
     * Server: an error, about a query ({@code queryId}) or the connection ({@code queryId} 0). {@code line} and
     * {@code column} are 1-based, 0 when the error is not about a place in the statement; {@code closing} says
     * the server closes the connection after this message.
     */
    record ErrorResponse(long queryId, int code, String sqlState, String symbol, String message, int line, int column,
                         boolean closing) implements Message {
        public ErrorResponse {
            Objects.requireNonNull(sqlState, "sqlState is null");
            Objects.requireNonNull(symbol, "symbol is null");
            Objects.requireNonNull(message, "message is null");
        }

        /** The error of an exception, with its position when it has one. */
        public static ErrorResponse of(long queryId, TroupeException e, boolean closing) {
            ErrorCode c = e.errorCode();
            int line = e.position() == null ? 0 : e.position().line();
            int column = e.position() == null ? 0 : e.position().column();
            return new ErrorResponse(queryId, c.code(), c.sqlState(), c.symbol(), e.getMessage(), line, column, closing);
        }

        /** The catalogue entry of {@link #code}, empty for a code this build does not know (a newer server). */
        public Optional<ErrorCode> errorCode() {
            for (ErrorCode c : ErrorCode.values()) {
                if (c.code() == code) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        @Override
        public MessageType type() {
            return MessageType.ERROR;
        }
    }
}
