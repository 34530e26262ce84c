package org.lastmile.region;

/** A government department of a county or township (民政, 人社, 财政 ...). */
public record Department(long id, long divisionCode, Type type, String name) {

    public enum Type { CIVIL_AFFAIRS, HUMAN_RESOURCES, FINANCE, RURAL_REVITALIZATION, HEALTH, MEDICAL_INSURANCE, EDUCATION, HOUSING, OTHER }
}
