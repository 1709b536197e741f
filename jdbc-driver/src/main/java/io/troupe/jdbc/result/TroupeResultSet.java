package io.troupe.jdbc.result;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.ColumnVector;
import io.troupe.jdbc.values.Temporals;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

/**
 * A forward-only, read-only result set over a {@link Cursor}: the rows of the current batch are read in place by
 * the columns' {@link ColumnVector}s, with the conversions JDBC clients expect ({@code getString} of every type,
 * {@code getInt} of a BIGINT that fits, {@code getTimestamp} with and without a Calendar, {@code getObject(i, type)}
 * with java.time types). Closing it before its end cancels the rest of a streamed result.
 */
public final class TroupeResultSet implements ResultSet {
    private final Statement statement;
    private final Cursor cursor;
    private final List<Column> columns;
    private final Consumer<TroupeResultSet> onClose;
    private Map<String, Integer> labels;
    private int batchRows;
    private int row = -1;
    private long rowNumber;
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;
    private int fetchSize;
    private SQLWarning warnings;

    /**
     * @param statement the statement that made it; null for the driver's metadata results
     * @param onClose   told once when the result set closes (the statement's closeOnCompletion); may be null
     */
    public TroupeResultSet(Statement statement, Cursor cursor, Consumer<TroupeResultSet> onClose) {
        this.statement = statement;
        this.cursor = cursor;
        this.columns = cursor.columns();
        this.onClose = onClose;
    }

    /** A result set of rows in memory, for the driver's metadata calls. */
    public static TroupeResultSet of(List<Column> columns, List<Object[]> rows) {
        return new TroupeResultSet(null, new RowsCursor(columns, rows), null);
    }

    public List<Column> columns() {
        return columns;
    }

    /** The cursor: the statement cancels a streamed result through it. */
    public Cursor cursor() {
        return cursor;
    }

    // --- moving ------------------------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        row++;
        while (row >= batchRows) {
            int n;
            try {
                n = cursor.nextBatch();
            } catch (SQLException e) {
                afterLast = true;
                row = -1;
                batchRows = 0;
                throw e;
            }
            if (n < 0) {
                afterLast = true;
                row = -1;
                batchRows = 0;
                addWarning(cursor.warnings());
                return false;
            }
            batchRows = n;
            row = 0;
        }
        rowNumber++;
        return true;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cursor.close();
        } finally {
            if (onClose != null) {
                onClose.accept(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1 && !afterLast;
    }

    /** Known within the current batch; at a batch's last row of a streamed result, the next batch is not read ahead. */
    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (afterLast || rowNumber == 0) {
            return false;
        }
        if (row < batchRows - 1) {
            return false;
        }
        if (cursor instanceof RowsCursor) {
            return true;
        }
        throw JdbcErrors.unsupported("isLast at the end of a streamed batch (call next() and check its result)");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast || rowNumber == 0 ? 0 : (int) Math.min(rowNumber, Integer.MAX_VALUE);
    }

    private SQLException forwardOnly(String what) {
        return JdbcErrors.of(ErrorCode.NO_CURRENT_ROW, what + " on a forward-only result set: read it with next()");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw forwardOnly("beforeFirst()");
    }

    @Override
    public void afterLast() throws SQLException {
        throw forwardOnly("afterLast()");
    }

    @Override
    public boolean first() throws SQLException {
        throw forwardOnly("first()");
    }

    @Override
    public boolean last() throws SQLException {
        throw forwardOnly("last()");
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw forwardOnly("absolute()");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw forwardOnly("relative()");
    }

    @Override
    public boolean previous() throws SQLException {
        throw forwardOnly("previous()");
    }

    // --- columns -----------------------------------------------------------------------------------------------

    private void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.of(ErrorCode.OBJECT_CLOSED, "result set", "read the rows before closing it or its statement");
        }
    }

    /** The vector of a column at the current row; sets {@link #wasNull}. */
    private ColumnVector at(int columnIndex) throws SQLException {
        checkOpen();
        if (columnIndex < 1 || columnIndex > columns.size()) {
            throw JdbcErrors.of(ErrorCode.INVALID_COLUMN_REFERENCE, "Column index " + columnIndex
                    + " is outside this result's columns 1 to " + columns.size());
        }
        if (row < 0) {
            throw JdbcErrors.of(ErrorCode.NO_CURRENT_ROW, afterLast ? "the result has no more rows" : "call next() first");
        }
        ColumnVector v = cursor.vector(columnIndex - 1);
        wasNull = v.isNull(row);
        return v;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (labels == null) {
            Map<String, Integer> map = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.putIfAbsent(columns.get(i).label().toLowerCase(Locale.ROOT), i + 1);
            }
            labels = map;
        }
        Integer index = columnLabel == null ? null : labels.get(columnLabel.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw JdbcErrors.of(ErrorCode.INVALID_COLUMN_REFERENCE, "This result has no column '" + columnLabel + "': it has "
                    + columns.stream().map(Column::label).toList());
        }
        return index;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : v.getString(row);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return !wasNull && v.getBoolean(row);
    }

    private long integral(int columnIndex, long min, long max, String type) throws SQLException {
        ColumnVector v = at(columnIndex);
        if (wasNull) {
            return 0;
        }
        long value = v.getLong(row);
        if (value < min || value > max) {
            throw JdbcErrors.of(ErrorCode.VALUE_OUT_OF_RANGE, Long.toString(value), type, "getLong");
        }
        return value;
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) integral(columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) integral(columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return (int) integral(columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return integral(columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? 0 : (float) v.getDouble(row);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? 0 : v.getDouble(row);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : v.getBigDecimal(row);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : v.getBytes(row);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return getDate(columnIndex, null);
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : Temporals.date(v.getDateDays(row), cal);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return getTime(columnIndex, null);
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : Temporals.time(v.getTimeMillis(row), cal);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return getTimestamp(columnIndex, null);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : Temporals.timestamp(v.getTimestampMillis(row), cal);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : v.getObject(row);
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return getObject(columnIndex);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "getObject needs a class, not null");
        }
        ColumnVector v = at(columnIndex);
        if (wasNull) {
            return null;
        }
        Object value = convert(v, type);
        return type.cast(value);
    }

    private Object convert(ColumnVector v, Class<?> type) throws SQLException {
        if (type == String.class) {
            return v.getString(row);
        } else if (type == Integer.class) {
            return (int) range(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
        } else if (type == Long.class) {
            return v.getLong(row);
        } else if (type == Short.class) {
            return (short) range(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
        } else if (type == Byte.class) {
            return (byte) range(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
        } else if (type == Double.class) {
            return v.getDouble(row);
        } else if (type == Float.class) {
            return (float) v.getDouble(row);
        } else if (type == Boolean.class) {
            return v.getBoolean(row);
        } else if (type == BigDecimal.class) {
            return v.getBigDecimal(row);
        } else if (type == BigInteger.class) {
            return v.getBigDecimal(row).toBigInteger();
        } else if (type == byte[].class) {
            return v.getBytes(row);
        } else if (type == Timestamp.class || type == java.util.Date.class) {
            return Temporals.timestamp(v.getTimestampMillis(row), null);
        } else if (type == Date.class) {
            return Temporals.date(v.getDateDays(row), null);
        } else if (type == Time.class) {
            return Temporals.time(v.getTimeMillis(row), null);
        } else if (type == LocalDateTime.class) {
            return Temporals.localDateTime(v.getTimestampMillis(row));
        } else if (type == LocalDate.class) {
            return LocalDate.ofEpochDay(v.getDateDays(row));
        } else if (type == LocalTime.class) {
            return Temporals.localTime(v.getTimeMillis(row));
        } else if (type == Instant.class) {
            return Instant.ofEpochMilli(v.getTimestampMillis(row));
        } else if (type == OffsetDateTime.class) {
            return Temporals.localDateTime(v.getTimestampMillis(row)).atOffset(ZoneOffset.UTC);
        } else if (type == ZonedDateTime.class) {
            return Temporals.localDateTime(v.getTimestampMillis(row)).atZone(ZoneOffset.UTC);
        } else if (type == OffsetTime.class) {
            return Temporals.localTime(v.getTimeMillis(row)).atOffset(ZoneOffset.UTC);
        } else if (type == Array.class) {
            return v.getArray(row);
        } else if (type == UUID.class) {
            try {
                return UUID.fromString(v.getString(row).strip());
            } catch (IllegalArgumentException e) {
                throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, e, "'" + v.getString(row) + "'", "UUID", e.getMessage());
            }
        } else if (type == Clob.class || type == NClob.class) {
            return new SerialClob(v.getString(row).toCharArray());
        } else if (type == Blob.class) {
            return new SerialBlob(v.getBytes(row));
        }
        Object value = v.getObject(row);
        if (type.isInstance(value)) {
            return value;
        }
        throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, "column '" + v.column().label() + "' (" + v.column().typeName() + ")",
                type.getName(), "getObject converts to String, the number and boolean wrappers, BigDecimal, BigInteger, "
                        + "byte[], java.sql and java.time types, Array and UUID");
    }

    private long range(ColumnVector v, long min, long max, String type) throws SQLException {
        long value = v.getLong(row);
        if (value < min || value > max) {
            throw JdbcErrors.of(ErrorCode.VALUE_OUT_OF_RANGE, Long.toString(value), type, "getLong");
        }
        return value;
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        ColumnVector v = at(columnIndex);
        return wasNull ? null : v.getArray(row);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new SerialClob(s.toCharArray());
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw JdbcErrors.unsupported("getNClob (use getString)");
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new SerialBlob(b);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        if (s == null) {
            return null;
        }
        try {
            return URI.create(s.strip()).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, e, "'" + s + "'", "URL", e.getMessage());
        }
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw JdbcErrors.unsupported("getRef");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw JdbcErrors.unsupported("getRowId");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw JdbcErrors.unsupported("getSQLXML");
    }

    // --- by label ---------------------------------------------------------------------------------------------

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return getRef(findColumn(columnLabel));
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return getRowId(findColumn(columnLabel));
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return getSQLXML(findColumn(columnLabel));
    }

    // --- the result set itself ---------------------------------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new TroupeResultSetMetaData(columns);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    private void addWarning(SQLWarning w) {
        if (w == null) {
            return;
        }
        if (warnings == null) {
            warnings = w;
        } else if (warnings != w) {
            warnings.setNextWarning(w);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public String getCursorName() throws SQLException {
        throw JdbcErrors.unsupported("named cursors");
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw forwardOnly("setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    /** Kept for getFetchSize: the batch size was fixed when the statement ran (Statement.setFetchSize sets it). */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "a fetch size is 0 or more, not " + rows);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean rowUpdated() {
        return false;
    }

    @Override
    public boolean rowInserted() {
        return false;
    }

    @Override
    public boolean rowDeleted() {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return JdbcErrors.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // --- updates: a Troupe result is read-only ----------------------------------------------------------------

    private static SQLException readOnly() {
        return JdbcErrors.unsupported("updating a result set (Troupe results are read-only)");
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(int columnIndex, String nString) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(String columnLabel, String nString) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int columnIndex, Reader reader) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String columnLabel, Reader reader) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int columnIndex, Reader reader) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String columnLabel, Reader reader) throws SQLException {
        throw readOnly();
    }
}
