package org.lastmile.access;

/**
 * One role held at one place: {@code regionCode} is a 12-digit division code, null for the
 * administrator roles; {@code departmentId} names a liaison's department.
 */
public record Grant(Role role, Long regionCode, Long departmentId) {
}
