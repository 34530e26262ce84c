package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.access.Uploads;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class EncryptedUploadsIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataService keys;
    @TempDir
    Path dataDir;

    @Test
    void keepsAnUploadEncryptedAndDeletesItOnceItsRetentionHasPassed() throws Exception {
        EncryptedUploads uploads = new EncryptedUploads(jdbc, keys, dataDir, Duration.ZERO);
        byte[] content = "姓名,身份证号\n张三,11010519491231002X\n".getBytes(StandardCharsets.UTF_8);
        Uploads.Upload upload = uploads.store(new ByteArrayInputStream(content), "../../etc/名单.csv", "tester");
        assertThat(upload.filename()).isEqualTo("名单.csv");
        Path file = uploads.fileOf(upload.id());
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("1949");
        try (var in = uploads.open(upload.id())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        uploads.release(upload.id());
        assertThat(file).doesNotExist();
        assertThat(jdbc.sql("select deleted_at is not null from access_upload where id = ?::uuid").param(upload.id())
                .query(Boolean.class).single()).isTrue();
    }
}
