package cn.keywork.supervision.unit.domain;

/** The kinds of unit; names match the contract's UnitType. */
public enum UnitType {
    COUNTY_GOVERNMENT,
    DEVELOPMENT_ZONE,
    MUNICIPAL_DEPARTMENT,
    DIRECT_UNIT,
    SUPERVISION_OFFICE,
    ASSESSMENT_OFFICE,
    LEADING_GROUP_OFFICE,
    CITY_LEADERSHIP
}
