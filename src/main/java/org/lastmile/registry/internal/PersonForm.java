package org.lastmile.registry.internal;

import java.time.LocalDate;

/** What a client sends to register or change a person; every field optional in a PATCH. */
public record PersonForm(String name, String idNumber, String certificateNumber, Integer disabilityCategory, Integer disabilityGrade,
                  String villageCode, String phone, String address, LocalDate certificateIssuedOn, String registrationType,
                  String maritalStatus, java.util.List<Component> disabilityComponents) {

    /** A part of a multiple disability (category 7): its own category (1-6) and grade. */
    public record Component(Integer category, Integer grade) {
    }

    PersonForm(String name, String idNumber, String certificateNumber, Integer disabilityCategory, Integer disabilityGrade,
               String villageCode, String phone, String address, LocalDate certificateIssuedOn, String registrationType,
               String maritalStatus) {
        this(name, idNumber, certificateNumber, disabilityCategory, disabilityGrade, villageCode, phone, address, certificateIssuedOn,
                registrationType, maritalStatus, null);
    }
}
