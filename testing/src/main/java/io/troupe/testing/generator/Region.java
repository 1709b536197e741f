package io.troupe.testing.generator;

/**
 * Where an org works: its UTC offset shapes when its members are active.
 *
 * <p>Why: daily activity peaks at different UTC hours for different orgs, so hourly and daily breakdowns in
 * UTC are not trivially flat or trivially aligned.
 */
enum Region {
    NORTH_AMERICA("NA", -5, 0.50),
    EUROPE("EU", 1, 0.35),
    ASIA_PACIFIC("APAC", 8, 0.15);

    private final String wireName;
    private final int utcOffsetHours;
    private final double shareOfOrgs;

    Region(String wireName, int utcOffsetHours, double shareOfOrgs) {
        this.wireName = wireName;
        this.utcOffsetHours = utcOffsetHours;
        this.shareOfOrgs = shareOfOrgs;
    }

    String wireName() {
        return wireName;
    }

    long utcOffsetMillis() {
        return utcOffsetHours * 3_600_000L;
    }

    double shareOfOrgs() {
        return shareOfOrgs;
    }
}
