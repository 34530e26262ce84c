package org.lastmile.registry.internal;

import java.time.LocalDate;

/** A person as stored, personal numbers decrypted (never leaves the module unmasked without a reveal). */
record PersonRecord(long id, long villageCode, String name, String idNumber, String certificateNumber, String sex,
                    LocalDate birthDate, int category, int grade, LocalDate certificateIssuedOn, LocalDate certificateExpiresOn,
                    String address, String phone, String registrationType, String maritalStatus, String lifeStatus,
                    LocalDate lifeStatusOn, String lifeStatusReason, int version, java.util.List<PersonForm.Component> components) {
}
