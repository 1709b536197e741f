package io.troupe.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * SQL users and their passwords, kept in {@code secrets/users.json} as salted PBKDF2-HMAC-SHA256 hashes
 * (never the password). The first start creates the admin user {@code troupe} with the password
 * {@code troupe}, which is marked as the default until changed: the server refuses to leave loopback while
 * it is. Admin users may create users and change any password; every user may change its own. The file is
 * read again when it changed on disk, so {@code bin/troupe user ...} run beside a server takes effect at once.
 * Thread-safe.
 */
public final class UserAccounts {
    public static final String DEFAULT_USER = "troupe";
    public static final String DEFAULT_PASSWORD = "troupe";
    static final String FILE = "users.json";
    private static final int ITERATIONS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One user as stored. */
    record Account(String name, String salt, String hash, int iterations, boolean admin, boolean defaultPassword) {
    }

    private final Secrets secrets;
    private final Map<String, Account> accounts = new TreeMap<>();
    private java.nio.file.attribute.FileTime loaded;

    private UserAccounts(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Loads the users, creating {@code troupe}/{@code troupe} (admin, default password) when there are none. */
    public static UserAccounts open(Secrets secrets) {
        UserAccounts users = new UserAccounts(secrets);
        String text = secrets.read(FILE);
        if (text == null) {
            users.put(newAccount(DEFAULT_USER, DEFAULT_PASSWORD, true, true));
            users.save();
        } else {
            users.load(text);
        }
        return users;
    }

    /** True when the user exists and the password is its own. */
    public boolean authenticate(String user, String password) {
        Account account;
        synchronized (this) {
            refresh();
            account = accounts.get(user);
        }
        if (account == null || password == null) {
            hash(password == null ? "" : password, HexFormat.of().parseHex("00"), ITERATIONS); // same time either way
            return false;
        }
        String given = HexFormat.of().formatHex(hash(password, HexFormat.of().parseHex(account.salt()), account.iterations()));
        return Secrets.matches(account.hash(), given);
    }

    /** True while user {@code troupe} exists with its default password. */
    public synchronized boolean defaultPasswordInUse() {
        refresh();
        Account account = accounts.get(DEFAULT_USER);
        return account != null && account.defaultPassword();
    }

    public synchronized boolean isAdmin(String user) {
        refresh();
        Account account = accounts.get(user);
        return account != null && account.admin();
    }

    public synchronized List<String> names() {
        refresh();
        return List.copyOf(accounts.keySet());
    }

    /**
     * Creates a user.
     *
     * @throws TroupeException {@code USER_EXISTS}, or {@code INVALID_ARGUMENT} for a bad name or an empty password
     */
    public synchronized void create(String user, String password, boolean admin) {
        checkName(user);
        refresh();
        if (accounts.containsKey(user)) {
            throw new TroupeException(ErrorCode.USER_EXISTS, user);
        }
        put(newAccount(user, checkPassword(password), admin, false));
        save();
    }

    /** Sets a user's password; the default-password mark goes away. */
    public synchronized void setPassword(String user, String password) {
        refresh();
        Account account = accounts.get(user);
        if (account == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_USER, user);
        }
        put(newAccount(user, checkPassword(password), account.admin(), false));
        save();
    }

    /** Drops a user; the last admin cannot be dropped (nobody could manage users then). */
    public synchronized void drop(String user) {
        refresh();
        Account account = accounts.get(user);
        if (account == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_USER, user);
        }
        if (account.admin() && accounts.values().stream().filter(Account::admin).count() == 1) {
            throw new TroupeException(ErrorCode.PERMISSION_DENIED, "'" + user + "' is the last admin user");
        }
        accounts.remove(user);
        save();
    }

    private static void checkName(String user) {
        if (user == null || !user.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}")) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                    "Invalid user name '" + user + "': use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter");
        }
    }

    private static String checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "A password must not be empty");
        }
        return password;
    }

    private void put(Account account) {
        accounts.put(account.name(), account);
    }

    private static Account newAccount(String name, String password, boolean admin, boolean defaultPassword) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Account(name, HexFormat.of().formatHex(salt), HexFormat.of().formatHex(hash(password, salt, ITERATIONS)),
                ITERATIONS, admin, defaultPassword);
    }

    private static byte[] hash(String password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new TroupeException(ErrorCode.INTERNAL, e, "PBKDF2 is not available: " + e);
        }
    }

    /** Reads the file again when another process (bin/troupe user ...) changed it. */
    private void refresh() {
        java.nio.file.attribute.FileTime now = modified();
        if (now != null && !now.equals(loaded)) {
            String text = secrets.read(FILE);
            if (text != null) {
                accounts.clear();
                load(text);
            }
        }
    }

    private java.nio.file.attribute.FileTime modified() {
        try {
            return java.nio.file.Files.getLastModifiedTime(secrets.path(FILE));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void load(String text) {
        loaded = modified();
        try {
            JsonNode root = JSON.readTree(text);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("users").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode u = e.getValue();
                put(new Account(e.getKey(), u.path("salt").asText(), u.path("hash").asText(), u.path("iterations").asInt(),
                        u.path("admin").asBoolean(), u.path("defaultPassword").asBoolean()));
            }
        } catch (java.io.IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, e, secrets.path(FILE), e.getMessage());
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        ObjectNode users = root.putObject("users");
        accounts.values().forEach(a -> users.putObject(a.name()).put("salt", a.salt()).put("hash", a.hash())
                .put("iterations", a.iterations()).put("admin", a.admin()).put("defaultPassword", a.defaultPassword()));
        secrets.write(FILE, root.toPrettyString() + "\n");
        loaded = modified();
    }
}
