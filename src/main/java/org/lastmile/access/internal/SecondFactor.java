package org.lastmile.access.internal;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.time.SystemTimeProvider;
import org.lastmile.access.AuditLog;
import org.lastmile.access.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Base64;
import java.util.Optional;

/** TOTP (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps expect) for administrators. */
@Component
class SecondFactor {

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final CodeVerifier verifier = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1), new SystemTimeProvider());

    SecondFactor(JdbcClient jdbc, PersonalData personalData, AuditLog audit) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
    }

    String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The otpauth QR code as a data: URI of a PNG, for the enrolment page. */
    String qrCode(String username, String secret) {
        QrData data = new QrData.Builder().label(username).secret(secret).issuer("Lastmile")
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(30).build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            generator.setImageSize(220);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(generator.generate(data));
        } catch (QrGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(String secret, String code) {
        return secret != null && code != null && code.strip().matches("\\d{6}") && verifier.isValidCode(secret, code.strip());
    }

    Optional<String> enrolledSecret(long accountId) {
        return jdbc.sql("select totp_secret from access_account where id = ? and totp_enrolled")
                .param(accountId).query(String.class).optional().map(personalData::decrypt);
    }

    void enrol(long accountId, String secret) {
        jdbc.sql("update access_account set totp_secret = ?, totp_enrolled = true where id = ?")
                .params(personalData.encrypt(secret), accountId).update();
        audit.record("SECOND_FACTOR_ENROL", "account", Long.toString(accountId), null, AuditLog.Outcome.SUCCESS, null);
    }
}
