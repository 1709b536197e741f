package io.troupe.jdbc.result;

import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.ColumnVector;
import io.troupe.jdbc.values.ObjectVector;
import java.sql.SQLWarning;
import java.util.List;

/** Rows held in memory (the driver's metadata results) as one batch. */
public final class RowsCursor implements Cursor {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private final ColumnVector[] vectors;
    private boolean served;

    public RowsCursor(List<Column> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.vectors = new ColumnVector[columns.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = new ObjectVector(columns.get(i), this.rows, i);
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public int nextBatch() {
        if (served) {
            return -1;
        }
        served = true;
        return rows.size();
    }

    @Override
    public ColumnVector vector(int index) {
        return vectors[index];
    }

    @Override
    public SQLWarning warnings() {
        return null;
    }

    @Override
    public void close() {
        served = true;
    }
}
