package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.access.PersonalData.IndexKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataServiceTest {

    private static final String K1 = "k1:" + DataKeys.newKey();
    private static final String K2 = "k2:" + DataKeys.newKey();

    @TempDir
    Path dataDir;

    @Test
    void encryptsWithAuthenticationAndAFreshNonceEachTime() {
        PersonalDataService data = new PersonalDataService(K1, dataDir, "");
        String a = data.encrypt("11010519491231002X");
        String b = data.encrypt("11010519491231002X");
        assertThat(a).startsWith("k1$").isNotEqualTo(b).doesNotContain("1949");
        assertThat(data.decrypt(a)).isEqualTo("11010519491231002X");
        assertThat(data.encrypt(null)).isNull();
    }

    @Test
    void detectsAnAlteredCiphertext() {
        PersonalDataService data = new PersonalDataService(K1, dataDir, "");
        String sealed = data.encrypt("13812341234");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> data.decrypt(new String(chars))).hasMessageContaining("integrity");
    }

    @Test
    void aNewKeyFirstEncryptsWhileOldKeysStillDecryptAndFindByIndex() {
        PersonalDataService before = new PersonalDataService(K1, dataDir, "");
        String old = before.encrypt("13812341234");
        byte[] oldIndex = before.blindIndex(IndexKind.PHONE, "13812341234");

        PersonalDataService after = new PersonalDataService(K2 + "," + K1, dataDir, "");
        assertThat(after.decrypt(old)).isEqualTo("13812341234");
        assertThat(after.encrypt("x")).startsWith("k2$");
        assertThat(after.isCurrent(old)).isFalse();
        assertThat(after.blindIndexCandidates(IndexKind.PHONE, "13812341234")).anySatisfy(i -> assertThat(i).isEqualTo(oldIndex));
        assertThat(after.blindIndex(IndexKind.PHONE, "13812341234")).isNotEqualTo(oldIndex);
    }

    @Test
    void blindIndexesDifferByKindSoATailDoesNotMatchAWholeNumber() {
        PersonalDataService data = new PersonalDataService(K1, dataDir, "");
        assertThat(data.blindIndex(IndexKind.ID_TAIL4, "002X")).isNotEqualTo(data.blindIndex(IndexKind.PHONE_TAIL4, "002X"));
        assertThat(data.blindIndex(IndexKind.PHONE, "13812341234")).isEqualTo(data.blindIndex(IndexKind.PHONE, "13812341234"));
    }

    @Test
    void requiresAKeyWithAnExternalDatabase() {
        assertThatThrownBy(() -> new PersonalDataService("", dataDir, "jdbc:postgresql://db/lastmile"))
                .hasMessageContaining("LASTMILE_DATA_KEY is required");
    }

    @Test
    void theEmbeddedDefaultKeepsItsKeyInAnOwnerOnlyFile() throws Exception {
        PersonalDataService first = new PersonalDataService("", dataDir, "");
        String sealed = first.encrypt("secret");
        Path file = dataDir.resolve(DataKeys.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new PersonalDataService("", dataDir, "").decrypt(sealed)).isEqualTo("secret");
    }

    @Test
    void rejectsAKeyThatIsNot32Bytes() {
        assertThatThrownBy(() -> DataKeys.parse("k1:c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
