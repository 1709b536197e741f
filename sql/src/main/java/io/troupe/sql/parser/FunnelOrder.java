package io.troupe.sql.parser;

import org.apache.calcite.sql.Symbolizable;

/** {@code ORDER SEQUENTIAL | STRICT | ANY} of a {@code FUNNEL}. */
public enum FunnelOrder implements Symbolizable {
    /** The default: steps in order, other events allowed between them (ClickHouse {@code windowFunnel}). */
    SEQUENTIAL,
    /** Steps in order with no other event of the unit between consecutive steps (ClickHouse {@code strict_order}). */
    STRICT,
    /** Every step within the window, in any order. */
    ANY
}
