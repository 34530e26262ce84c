package org.lastmile.access.internal;

import org.lastmile.access.PersonalData;
import org.lastmile.platform.CommandLineCommand;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Key rotation: put a new key first in LASTMILE_DATA_KEY (old ones after it), restart, run
 * {@code rotate-data-key}: every registered encrypted column is re-encrypted under the new key and
 * its blind indexes recomputed, in batches; then the old key can be dropped from the keyring.
 * Lookups meanwhile use the indexes of every key in the keyring, so nothing goes missing.
 */
@Configuration(proxyBeanMethods = false)
class DataKeyRotation {

    private static final int BATCH = 500;

    @Bean
    PersonalData.EncryptedColumn accountPhone() {
        return new PersonalData.EncryptedColumn("access_account", "id", "phone",
                List.of(new PersonalData.DerivedIndex("phone_index", PersonalData.IndexKind.PHONE),
                        new PersonalData.DerivedIndex("phone_tail_index", PersonalData.IndexKind.PHONE_TAIL4)));
    }

    @Bean
    PersonalData.EncryptedColumn accountSecondFactor() {
        return new PersonalData.EncryptedColumn("access_account", "id", "totp_secret", List.of());
    }

    /** Re-encrypts every value not yet under the current key; returns how many it rewrote. */
    static long rotate(JdbcClient jdbc, TransactionTemplate tx, PersonalDataService data, List<PersonalData.EncryptedColumn> columns) {
        long rewritten = 0;
        for (PersonalData.EncryptedColumn column : columns) {
            String prefix = data.currentKeyId() + "$";
            while (true) {
                Integer done = tx.execute(status -> {
                    List<Map<String, Object>> rows = jdbc.sql("select " + column.idColumn() + " as id, " + column.column() + " as value from "
                                    + column.table() + " where " + column.column() + " is not null and " + column.column()
                                    + " not like ? order by " + column.idColumn() + " limit " + BATCH + " for update")
                            .param(prefix + "%").query().listOfRows();
                    for (Map<String, Object> row : rows) {
                        String plain = data.decrypt((String) row.get("value"));
                        StringBuilder set = new StringBuilder(column.column() + " = :value");
                        var update = new java.util.HashMap<String, Object>();
                        update.put("value", data.encrypt(plain));
                        update.put("id", row.get("id"));
                        for (PersonalData.DerivedIndex index : column.indexes()) {
                            set.append(", ").append(index.column()).append(" = :").append(index.column());
                            update.put(index.column(), data.blindIndex(index.kind(), derive(index.kind(), plain)));
                        }
                        jdbc.sql("update " + column.table() + " set " + set + " where " + column.idColumn() + " = :id").params(update).update();
                    }
                    return rows.size();
                });
                rewritten += done == null ? 0 : done;
                if (done == null || done < BATCH) {
                    break;
                }
            }
        }
        return rewritten;
    }

    /** The value a blind index of this kind is computed from. */
    static String derive(PersonalData.IndexKind kind, String plain) {
        return switch (kind) {
            case ID_NUMBER, PHONE -> plain;
            case ID_TAIL6 -> plain.substring(Math.max(0, plain.length() - 6));
            case ID_TAIL4, PHONE_TAIL4 -> plain.substring(Math.max(0, plain.length() - 4));
        };
    }

    @Bean
    CommandLineCommand rotateDataKeyCommand(JdbcClient jdbc, TransactionTemplate tx, PersonalDataService data,
                                            ObjectProvider<PersonalData.EncryptedColumn> columns) {
        return new CommandLineCommand() {
            @Override
            public String name() {
                return "rotate-data-key";
            }

            @Override
            public String usage() {
                return "rotate-data-key                re-encrypt personal data under the first key of LASTMILE_DATA_KEY";
            }

            @Override
            public int run(List<String> args, PrintStream out) {
                long count = rotate(jdbc, tx, data, columns.orderedStream().toList());
                out.printf("Re-encrypted %d values under key %s%n", count, data.currentKeyId());
                return 0;
            }
        };
    }
}
