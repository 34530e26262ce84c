package org.lastmile.access;

import java.io.InputStream;

/**
 * Uploaded files (spreadsheets of persons, accounts...) and made ones (exports) hold personal data:
 * they are stored encrypted at rest and deleted when their job is done plus a configured retention.
 */
public interface Uploads {

    record Upload(String id, String filename, long bytes) {
    }

    /** Stores the content encrypted; the stream is read to its end. */
    Upload store(InputStream content, String filename, String owner);

    /**
     * Stores an uploaded .xlsx or .csv; throws {@link AccessException} (field {@code file}) when there is no
     * file or it is of another type.
     */
    Upload storeSpreadsheet(org.springframework.web.multipart.MultipartFile file, String owner);

    /** Writes a file (an export) as it is made: encrypted on the way to the disk, never whole in memory. */
    Upload write(String filename, String owner, Content content);

    @FunctionalInterface
    interface Content {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    /** Whether the file is still kept (not yet deleted after its retention). */
    boolean kept(String id);

    /** The decrypted content; fails if the file was altered. */
    InputStream open(String id);

    /** The work with the file is done: delete it once the retention has passed. */
    void release(String id);
}
