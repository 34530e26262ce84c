package org.lastmile.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where the data lives. {@code LASTMILE_DB_URL} (+ user, password) names an external PostgreSQL 15+;
 * without it the embedded server runs on {@code LASTMILE_DATA_DIR} (default {@code ./data}).
 */
@ConfigurationProperties(prefix = "lastmile")
record DatabaseProperties(Path dataDir, Db db) {

    DatabaseProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null, false) : db;
    }

    boolean embedded() {
        return db.url() == null || db.url().isBlank();
    }

    /**
     * @param cleanEmbedded wipe the embedded data directory before starting (tests only)
     */
    record Db(String url, String user, String password, boolean cleanEmbedded) {
    }
}
