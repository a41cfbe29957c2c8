package org.vlmeval.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Where a row's columns go, one after the other in the table's column order: a binary {@code COPY}
 * buffer ({@link BinaryCopyRows}) or a prepared statement's parameters ({@link StatementColumns}).
 * A table whose rows take both ways describes its row once, against this, so the two cannot drift
 * apart. Each method takes its column type's value; null stores NULL.
 */
interface RowColumns {

    RowColumns text(String value) throws SQLException;

    RowColumns int4(Integer value) throws SQLException;

    RowColumns int8(Long value) throws SQLException;

    RowColumns float8(Double value) throws SQLException;

    RowColumns bool(Boolean value) throws SQLException;

    RowColumns timestamptz(Instant value) throws SQLException;

    RowColumns textArray(List<String> values) throws SQLException;
}
