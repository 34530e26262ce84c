package org.lastmile.registry.internal;

import java.time.LocalDate;

/** What a client sends to register or change a person; every field optional in a PATCH. */
record PersonForm(String name, String idNumber, String certificateNumber, Integer disabilityCategory, Integer disabilityGrade,
                  String villageCode, String phone, String address, LocalDate certificateIssuedOn, String registrationType,
                  String maritalStatus) {
}
