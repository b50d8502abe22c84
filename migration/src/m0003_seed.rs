//! The request categories and default SLA policies a fresh database starts with.
//! Administrators may change them later; the migration only provides a working start.

use sea_orm_migration::prelude::*;

/// (code, name, group, keywords, default level, sensitive).
const CATEGORIES: &[(&str, &str, &str, &str, &str, bool)] = &[
    (
        "PROPERTY_REPAIR",
        "物业维修",
        "LIVING",
        "漏水,电梯,维修,停水,停电",
        "BUILDING",
        false,
    ),
    (
        "SANITATION",
        "环境卫生",
        "ENVIRONMENT",
        "垃圾,卫生,清运,异味",
        "GRID",
        false,
    ),
    (
        "NOISE",
        "噪音扰民",
        "ENVIRONMENT",
        "噪音,扰民,装修",
        "GRID",
        false,
    ),
    (
        "NEIGHBOUR_DISPUTE",
        "邻里纠纷",
        "MEDIATION",
        "纠纷,矛盾,邻里",
        "GRID",
        false,
    ),
    (
        "PARKING",
        "停车管理",
        "TRAFFIC",
        "停车,车位,占道",
        "COMMUNITY",
        false,
    ),
    (
        "SAFETY_HAZARD",
        "安全隐患",
        "SAFETY",
        "消防,燃气,隐患,通道",
        "COMMUNITY",
        false,
    ),
    (
        "SOCIAL_ASSISTANCE",
        "社会救助",
        "WELFARE",
        "低保,救助,困难",
        "COMMUNITY",
        true,
    ),
    (
        "ELDERLY_CARE",
        "养老服务",
        "WELFARE",
        "助餐,独居,老人",
        "COMMUNITY",
        true,
    ),
];

const LEVELS: [&str; 5] = ["BUILDING", "GRID", "COMMUNITY", "STREET", "DISTRICT"];

/// (urgency, unit, accept, handle per level, feedback): normal requests count working
/// days, urgent and emergency ones hours around the clock.
const DEFAULTS: &[(&str, &str, i32, [i32; 5], i32)] = &[
    ("NORMAL", "WORKING_DAYS", 1, [3, 5, 5, 10, 15], 1),
    ("URGENT", "HOURS", 4, [24, 24, 48, 72, 72], 4),
    ("EMERGENCY", "HOURS", 1, [4, 4, 8, 12, 12], 2),
];

pub async fn seed(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut categories = Query::insert();
    categories.into_table("request_category").columns([
        "code",
        "name",
        "group_code",
        "keywords",
        "default_level",
        "sensitive",
    ]);
    for (code, name, group, keywords, level, sensitive) in CATEGORIES {
        categories.values_panic([
            (*code).into(),
            (*name).into(),
            (*group).into(),
            (*keywords).into(),
            (*level).into(),
            (*sensitive).into(),
        ]);
    }
    manager.exec_stmt(categories).await?;

    let mut policies = Query::insert();
    policies.into_table("sla_policy").columns([
        "level",
        "urgency",
        "limit_unit",
        "accept_limit",
        "handle_limit",
        "feedback_limit",
    ]);
    for (urgency, unit, accept, handle, feedback) in DEFAULTS {
        for (level, handle) in LEVELS.iter().zip(handle) {
            policies.values_panic([
                (*level).into(),
                (*urgency).into(),
                (*unit).into(),
                (*accept).into(),
                (*handle).into(),
                (*feedback).into(),
            ]);
        }
    }
    manager.exec_stmt(policies).await?;
    Ok(())
}
