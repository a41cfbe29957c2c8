package org.vlmeval.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A row's columns as the parameters of a prepared statement, from the first: text as {@link
 * PostgresStore#text} stores it, instants as UTC timestamps (the driver rounds them to microseconds
 * half up), arrays of text by the connection.
 */
final class StatementColumns implements RowColumns {

    private final PreparedStatement ps;
    private final Connection connection;
    private int index;

    StatementColumns(PreparedStatement ps, Connection connection) {
        this.ps = ps;
        this.connection = connection;
    }

    @Override
    public StatementColumns text(String value) throws SQLException {
        ps.setString(++index, PostgresStore.text(value));
        return this;
    }

    @Override
    public StatementColumns int4(Integer value) throws SQLException {
        ps.setObject(++index, value, Types.INTEGER);
        return this;
    }

    @Override
    public StatementColumns int8(Long value) throws SQLException {
        ps.setObject(++index, value, Types.BIGINT);
        return this;
    }

    @Override
    public StatementColumns float8(Double value) throws SQLException {
        ps.setObject(++index, value, Types.DOUBLE);
        return this;
    }

    @Override
    public StatementColumns bool(Boolean value) throws SQLException {
        ps.setObject(++index, value, Types.BOOLEAN);
        return this;
    }

    @Override
    public StatementColumns timestamptz(Instant value) throws SQLException {
        ps.setObject(
                ++index,
                value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
        return this;
    }

    @Override
    public StatementColumns textArray(List<String> values) throws SQLException {
        ps.setArray(
                ++index,
                values == null
                        ? null
                        : connection.createArrayOf(
                                "text", values.stream().map(PostgresStore::text).toArray()));
        return this;
    }
}
