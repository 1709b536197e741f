package io.troupe.sql;

import io.troupe.sql.exec.ColumnarResult;
import io.troupe.sql.exec.QueryScope;
import io.troupe.sql.plan.ColumnarPlan;
import io.troupe.storage.EventStore;
import io.troupe.sql.exec.ScopedDataContext;
import io.troupe.sql.functions.TroupeConvertlets;
import io.troupe.sql.plan.TroupePrograms;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.tools.Program;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Calcite's statement preparation with Troupe's conversions, and with every execution wrapped in a
 * {@link QueryScope}: one snapshot for all the scans of a statement, its deadline and memory budget, released
 * when the result is closed.
 */
final class TroupePrepare extends CalcitePrepareImpl {
    private final EventStore store;
    private final SqlOptions options;
    private final SqlEngine engine;

    private final java.util.concurrent.ExecutorService workers;
    private final io.troupe.sql.cohort.CohortEvaluator cohorts;
    /** The text of the statement being prepared on this thread: a cohort's definition is cut from it. */
    private static final ThreadLocal<String> PREPARING = new ThreadLocal<>();
    /** Where {@code implement} leaves the columnar plan of the statement being prepared on this thread. */
    private static final ThreadLocal<ColumnarPlan[]> PLANNED = new ThreadLocal<>();
    /**
     * Set by {@link #execute} around {@code executeQuery}: a statement with a columnar plan puts its
     * {@link ColumnarResult} here when it is bound, instead of producing rows. Taken by the first statement bound,
     * so that a statement run while it opens (a cohort's) is not mistaken for it.
     */
    private static final ThreadLocal<ColumnarResult[]> COLUMNAR = new ThreadLocal<>();

    TroupePrepare(SqlEngine engine, java.util.concurrent.ExecutorService workers,
                  io.troupe.sql.cohort.CohortEvaluator cohorts) {
        this.engine = engine;
        this.store = engine.store();
        this.options = engine.options();
        this.workers = workers;
        this.cohorts = cohorts;
    }

    @Override
    protected RelOptPlanner createPlanner(Context prepareContext, org.apache.calcite.plan.Context externalContext,
                                          org.apache.calcite.plan.RelOptCostFactory costFactory) {
        RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
        // Calcite's rule would take the report function for a user-defined one it cannot run.
        planner.removeRule(org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_TABLE_FUNCTION_SCAN_RULE);
        planner.addRule(io.troupe.sql.plan.TroupeRules.OTHER_TABLE_FUNCTIONS);
        planner.addRule(io.troupe.sql.plan.TroupeRules.ENUMERABLE_REPORT);
        return planner;
    }

    /**
     * Runs Troupe's statements that change state outside a query (users, group types, dynamic group
     * properties); Calcite calls this while it
     * prepares such a statement, which is then done. The acting user is the connection's.
     */
    @Override
    public void executeDdl(Context context, org.apache.calcite.sql.SqlNode node) {
        String acting = sessionUser(context);
        if (node instanceof io.troupe.sql.parser.SqlCreateUser create) {
            options.userAdmin().create(acting, create.name(), create.password(), create.admin());
        } else if (node instanceof io.troupe.sql.parser.SqlAlterUser alter) {
            options.userAdmin().setPassword(acting, alter.name(), alter.password());
        } else if (node instanceof io.troupe.sql.parser.SqlDropUser drop) {
            options.userAdmin().drop(acting, drop.name());
        } else if (io.troupe.sql.cohort.CohortStatements.handles(node)) {
            new io.troupe.sql.cohort.CohortStatements(cohorts, options.imports(), options.clock())
                    .execute(node, PREPARING.get());
        } else if (node instanceof io.troupe.sql.parser.SqlCreateGroupType create) {
            new io.troupe.sql.ddl.GroupTypeStatements(store, options.clock()).create(create);
        } else if (node instanceof io.troupe.sql.parser.SqlDropGroupType drop) {
            new io.troupe.sql.ddl.GroupTypeStatements(store, options.clock()).drop(drop);
        } else if (node instanceof io.troupe.sql.parser.SqlCreateDynamicGroupProperty create) {
            new io.troupe.sql.dynamic.DynamicPropertyStatements(engine).create(create);
        } else if (node instanceof io.troupe.sql.parser.SqlDropDynamicGroupProperty drop) {
            new io.troupe.sql.dynamic.DynamicPropertyStatements(engine).drop(drop);
        } else {
            super.executeDdl(context, node);
        }
    }

    /** The connection's SQL user: its project schema instance holds it (Calcite's own USER is always "sa"). */
    private static String sessionUser(Context context) {
        org.apache.calcite.jdbc.CalciteSchema schema = context.getRootSchema();
        for (String name : context.getDefaultSchemaPath()) {
            schema = schema == null ? null : schema.getSubSchema(name, true);
        }
        if (schema != null && schema.schema instanceof io.troupe.sql.schema.ProjectSchema project
                && project.sessionUser() != null) {
            return project.sessionUser();
        }
        return "";
    }

    @Override
    protected SqlRexConvertletTable createConvertletTable() {
        return new io.troupe.sql.cohort.CohortConvertlets(store,
                new TroupeConvertlets(name -> store.catalog().state().groupType(name) != null));
    }

    @Override
    protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType, CalciteCatalogReader catalogReader,
                                                    RelOptPlanner planner) {
        JavaTypeFactory types = context.getTypeFactory();
        EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
        return new CalcitePreparingStmt(this, context, catalogReader, types, context.getRootSchema(), prefer,
                createCluster(planner, new RexBuilder(types)), EnumerableConvention.INSTANCE, createConvertletTable()) {
            @Override
            protected Program getProgram() {
                return TroupePrograms.standard();
            }

            /** The optimized plan, about to become code: notes whether its rows can be produced as columns. */
            @Override
            protected PreparedResult implement(org.apache.calcite.rel.RelRoot root) {
                ColumnarPlan[] planned = PLANNED.get();
                if (planned != null) {
                    planned[0] = ColumnarPlan.of(root);
                }
                return super.implement(root);
            }

            /** Troupe's validator: the dialect's reports rewritten first; Troupe's functions in the operator table. */
            @Override
            protected org.apache.calcite.sql.validate.SqlValidator createSqlValidator(
                    org.apache.calcite.prepare.Prepare.CatalogReader reader,
                    java.util.function.UnaryOperator<org.apache.calcite.sql.validate.SqlValidator.Config> transform) {
                org.apache.calcite.sql.validate.SqlValidator base = super.createSqlValidator(reader, transform);
                return new TroupeValidator(
                        org.apache.calcite.sql.util.SqlOperatorTables.chain(base.getOperatorTable(),
                                org.apache.calcite.sql.util.SqlOperatorTables.of(
                                        io.troupe.sql.functions.FunnelLevelFunction.operators()),
                                org.apache.calcite.sql.util.SqlOperatorTables.of(
                                        io.troupe.sql.report.ReportFunction.INSTANCE)),
                        reader, types, base.config(), new io.troupe.sql.report.ReportRewriter(
                        name -> store.catalog().state().groupType(name) != null),
                        name -> store.catalog().state().groupType(name) != null);
            }
        };
    }

    @Override
    public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
        CalciteSignature<T> signature;
        ColumnarPlan[] planned = new ColumnarPlan[1];
        ColumnarPlan[] outer = PLANNED.get();
        PREPARING.set(query.sql);
        PLANNED.set(planned);
        try {
            signature = super.prepareSql(context, query, elementType, maxRowCount);
        } finally {
            PREPARING.remove();
            PLANNED.set(outer);
        }
        if (signature.statementType == org.apache.calcite.avatica.Meta.StatementType.OTHER_DDL) {
            return signature; // done while it was prepared (executeDdl): nothing to run
        }
        ColumnarPlan columnar = planned[0];
        Bindable<T> scoped = root -> bind(signature, columnar, root);
        return new CalciteSignature<>(signature.sql, signature.parameters, signature.internalParameters,
                signature.rowType, signature.columns, signature.cursorFactory, signature.rootSchema,
                signature.getCollationList(), maxRowCount, scoped, signature.statementType);
    }

    /**
     * Runs {@code statement} ({@code executeQuery}); when its plan is a plain scan ({@link ColumnarPlan}) and
     * {@code columnar} is set, its rows come as the returned {@link ColumnarResult} and its result set is empty.
     */
    static SqlSession.Executed execute(java.sql.PreparedStatement statement, boolean columnar) throws java.sql.SQLException {
        if (!columnar) {
            return new SqlSession.Executed(statement.executeQuery(), null);
        }
        ColumnarResult[] answer = new ColumnarResult[1];
        ColumnarResult[] outer = COLUMNAR.get();
        COLUMNAR.set(answer);
        java.sql.ResultSet rs;
        try {
            rs = statement.executeQuery();
        } catch (java.sql.SQLException | RuntimeException | Error e) {
            if (answer[0] != null) {
                answer[0].close();
            }
            throw e;
        } finally {
            COLUMNAR.set(outer);
        }
        return new SqlSession.Executed(rs, answer[0]);
    }

    /**
     * Binds an execution of a statement. Under {@link #execute} with a columnar plan, opens its scan in a new scope
     * and hands it over, with no rows; otherwise the rows come from the generated code.
     */
    private <T> Enumerable<T> bind(CalciteSignature<T> signature, ColumnarPlan columnar, DataContext root) {
        ColumnarResult[] answer = COLUMNAR.get();
        if (answer == null) {
            return scoped(signature, root);
        }
        COLUMNAR.remove(); // this statement's request, whatever it does with it
        if (columnar == null) {
            return scoped(signature, root);
        }
        answer[0] = columnar.open(new ScopedDataContext(root, newScope(root)));
        return org.apache.calcite.linq4j.Linq4j.emptyEnumerable();
    }

    /** A statement execution's scope: the statement's cancel flag and timeout (else the engine's default). */
    private QueryScope newScope(DataContext root) {
        Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
        Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
        long millis = timeout instanceof Number n && n.longValue() > 0 ? n.longValue() : options.defaultTimeoutMillis();
        return new QueryScope(store, flag instanceof AtomicBoolean b ? b : null, millis,
                options.queryMemoryLimitBytes()).withWorkers(workers, options.parallelism()).withCohorts(cohorts);
    }

    private <T> Enumerable<T> scoped(CalciteSignature<T> signature, DataContext root) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                QueryScope scope = newScope(root);
                Enumerator<T> inner;
                try {
                    inner = signature.enumerable(new ScopedDataContext(root, scope)).enumerator();
                } catch (RuntimeException | Error e) {
                    scope.close();
                    throw e;
                }
                return new Enumerator<>() {
                    private boolean closed;

                    @Override
                    public T current() {
                        return inner.current();
                    }

                    @Override
                    public boolean moveNext() {
                        try {
                            return inner.moveNext();
                        } catch (RuntimeException | Error e) {
                            close(); // a failed statement's result may never be closed by its caller
                            throw e;
                        }
                    }

                    @Override
                    public void reset() {
                        inner.reset();
                    }

                    @Override
                    public void close() {
                        if (closed) {
                            return;
                        }
                        closed = true;
                        try {
                            inner.close();
                        } finally {
                            scope.close();
                        }
                    }
                };
            }
        };
    }
}
