package io.troupe.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's name and version (from the build). */
public final class DriverInfo {
    public static final String NAME = "Troupe JDBC driver";
    public static final String VERSION;
    public static final int MAJOR;
    public static final int MINOR;

    static {
        String version = "0.0.0";
        try (InputStream in = DriverInfo.class.getResourceAsStream("driver.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException e) {
            // keep 0.0.0: a jar without its resource is a broken build, not a reason to refuse connecting
        }
        VERSION = version;
        String[] parts = version.split("[.-]");
        MAJOR = number(parts, 0);
        MINOR = number(parts, 1);
    }

    private DriverInfo() {
    }

    private static int number(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
