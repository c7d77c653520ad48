package io.github.camelfinsify.jdbc;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * What the stores of this module have in common as beans: a {@link DataSource}, the name of their table, and a start
 * that creates the table when it is missing. The no-argument constructor and the setters let Camel Main's
 * {@code camel.beans.*} properties build them.
 */
abstract class JdbcTableService extends ServiceSupport {

    private DataSource dataSource;
    private String table;
    private boolean createTable = true;

    JdbcTableService(String defaultTable) {
        this.table = defaultTable;
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement of the table. */
    abstract String ddl(String table);

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The table's name, optionally with its schema. */
    public void setTable(String table) {
        this.table = SqlTables.requireTableName(table);
    }

    public String getTable() {
        return table;
    }

    /** Whether {@link #start()} creates the table when it is missing (default true). */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    @Override
    protected void doStart() throws Exception {
        if (createTable) {
            SqlTables.create(dataSource(), table, ddl(table));
        }
    }

    final String table() {
        return table;
    }

    final DataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs a DataSource");
        }
        return dataSource;
    }
}
