package io.github.camelfinsify.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** One test's database: its pooled {@link DataSource}, and plain SQL to look at what the stores wrote. */
final class TestDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Runnable drop;

    TestDatabase(HikariConfig config, Runnable drop) {
        this.dataSource = new HikariDataSource(config);
        this.drop = drop;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The rows of a query, each as its columns' text. */
    List<List<String>> rows(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql, e);
        }
    }

    /** The one value a query returns. */
    String value(String sql, Object... parameters) {
        List<List<String>> rows = rows(sql, parameters);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException(sql + " returned " + rows + ", not one value");
        }
        return rows.get(0).get(0);
    }

    int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql, e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        drop.run();
    }
}
