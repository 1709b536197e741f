package io.troupe.jdbc;

import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Parameter;
import io.troupe.jdbc.errors.JdbcErrors;
import io.troupe.jdbc.result.TroupeResultSet;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement with {@code ?} parameters, bound on the client and sent with the query as the protocol's typed
 * parameters (docs/protocol.md): the server prepares the text and binds them. Every {@code ?} must be set before
 * the statement runs.
 */
public final class TroupePreparedStatement extends TroupeStatement implements PreparedStatement {
    private final String sql;
    private final Parameter[] parameters;
    private final List<Parameter[]> batch = new ArrayList<>();

    TroupePreparedStatement(TroupeConnection connection, String sql) throws SQLException {
        super(connection);
        if (sql == null) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "the SQL text is null");
        }
        this.sql = sql;
        this.parameters = new Parameter[StatementText.parameterCount(sql)];
    }

    private List<Parameter> bound() throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                throw JdbcErrors.of(ErrorCode.INVALID_PARAMETER, "parameter " + (i + 1) + " of " + parameters.length + " is not set");
            }
        }
        return Arrays.asList(parameters.clone());
    }

    private void set(int index, Parameter p) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameters.length) {
            throw JdbcErrors.of(ErrorCode.INVALID_COLUMN_REFERENCE, "Parameter index " + index + " is outside 1 to "
                    + parameters.length + ": the statement has " + parameters.length + " ?");
        }
        parameters[index - 1] = p;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return run(sql, bound());
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeUpdate(sql, bound());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return executeUpdate(sql, bound());
    }

    @Override
    public boolean execute() throws SQLException {
        return execute(sql, bound());
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(parameters, null);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(bound().toArray(new Parameter[0]));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Parameter[]> runs = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[runs.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = executeUpdate(sql, Arrays.asList(runs.get(i)));
            } catch (SQLException e) {
                throw batchFailure(e, Arrays.copyOf(counts, i));
            }
        }
        return counts;
    }

    /**
     * The columns the statement will return: those of its current result, else of the statement run with
     * {@code LIMIT 0} around it (unset parameters bound to NULL); null for a statement without rows or one that
     * cannot be described so.
     */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet current = getResultSet();
        if (current != null && !current.isClosed()) {
            return current.getMetaData();
        }
        if (!StatementText.returnsRows(sql)) {
            return null;
        }
        String body = sql.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        List<Parameter> values = new ArrayList<>(parameters.length);
        for (Parameter p : parameters) {
            values.add(p == null ? Parameter.ofNull() : p);
        }
        try (TroupeStatement probe = new TroupeStatement(connection);
             TroupeResultSet rs = probe.run("SELECT * FROM (" + body + ") AS \"troupe_describe\" LIMIT 0", values)) {
            return rs.getMetaData();
        } catch (SQLException e) {
            if (connection.isClosed()) {
                throw e;
            }
            return null;
        }
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new TroupeParameterMetaData(parameters.length);
    }

    // --- setters ------------------------------------------------------------------------------------------------

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        set(parameterIndex, Parameter.ofNull());
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        setNull(parameterIndex, sqlType);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        set(parameterIndex, Parameter.of(x));
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        set(parameterIndex, Parameter.of((int) x));
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        set(parameterIndex, Parameter.of((int) x));
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        set(parameterIndex, Parameter.of(x));
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        set(parameterIndex, Parameter.of(x));
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        set(parameterIndex, Parameter.of((double) x));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        set(parameterIndex, Parameter.of(x));
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(x));
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(x));
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        setString(parameterIndex, value);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(x));
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        setDate(parameterIndex, x, null);
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : ParameterValues.temporal(x, cal));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        setTime(parameterIndex, x, null);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : ParameterValues.temporal(x, cal));
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        setTimestamp(parameterIndex, x, null);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : ParameterValues.temporal(x, cal));
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        set(parameterIndex, ParameterValues.of(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        set(parameterIndex, ParameterValues.of(x, targetSqlType, -1));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        set(parameterIndex, ParameterValues.of(x, targetSqlType, scaleOrLength));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull()
                : Parameter.of(new String(ParameterValues.read(x, length), java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull()
                : Parameter.of(new String(ParameterValues.read(x, length), java.nio.charset.StandardCharsets.UTF_16BE)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(ParameterValues.read(x, length)));
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex, x, -1L);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setCharacterStream(parameterIndex, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        set(parameterIndex, reader == null ? Parameter.ofNull() : Parameter.of(ParameterValues.read(reader, length)));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setCharacterStream(parameterIndex, value);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(x.getSubString(1, (int) x.length())));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setClob(parameterIndex, value);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(x.getBytes(1, (int) x.length())));
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        setBinaryStream(parameterIndex, inputStream, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        setBinaryStream(parameterIndex, inputStream);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        set(parameterIndex, x == null ? Parameter.ofNull() : Parameter.of(x.toString()));
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        throw JdbcErrors.unsupported("array parameters (write ARRAY[?, ?] with one parameter per element)");
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        throw JdbcErrors.unsupported("REF parameters");
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw JdbcErrors.unsupported("ROWID parameters");
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        throw JdbcErrors.unsupported("SQLXML parameters");
    }

    /** What a parameter's JDBC type is when none is known: the server infers it from the statement. */
    static final int UNKNOWN_TYPE = Types.OTHER;
}
