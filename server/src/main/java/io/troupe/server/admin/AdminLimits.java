package io.troupe.server.admin;

/**
 * Bounds of the admin port's requests.
 *
 * @param maxBodyBytes   a JSON request body larger than this gets 413 (bodies are aggregated in memory)
 * @param maxUploadBytes an uploaded file larger than this gets 413 (uploads are streamed to disk)
 * @param idleSeconds    a connection with no request in flight and no traffic for this long is closed
 */
public record AdminLimits(int maxBodyBytes, long maxUploadBytes, int idleSeconds) {
    public static final AdminLimits DEFAULTS = new AdminLimits(64 * 1024, 256L * 1024 * 1024, 300);

    public AdminLimits {
        if (maxBodyBytes < 1 || maxUploadBytes < 1 || idleSeconds < 1) {
            throw new IllegalArgumentException("admin limits must be positive");
        }
    }
}
