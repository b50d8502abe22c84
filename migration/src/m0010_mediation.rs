//! The mediation tables of `m0010_visits_mediation` (矛盾纠纷调解): a case placed in a
//! community or grid, its parties (residents of the register, or named outsiders) and
//! its sessions. Parties and sessions carry the case's `area_path` and `major` so they
//! are scoped exactly like it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

const STATUSES: [&str; 5] = ["OPEN", "IN_MEDIATION", "AGREED", "FOLLOWED_UP", "CLOSED"];
const CATEGORIES: [&str; 5] = ["NEIGHBOUR", "FAMILY", "PROPERTY", "LABOUR", "OTHER"];
const OUTCOMES: [&str; 4] = ["RESOLVED", "PARTIAL", "FAILED", "REFERRED"];

pub async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    manager.create_table(case(backend)).await?;
    for columns in [&["area_path"][..], &["status"], &["follow_up_due"]] {
        manager
            .create_index(index("mediation_case", columns))
            .await?;
    }
    manager.create_table(party(backend)).await?;
    manager
        .create_index(index("mediation_party", &["case_id", "id"]))
        .await?;
    manager.create_table(session(backend)).await?;
    manager
        .create_index(index("mediation_session", &["case_id", "id"]))
        .await
}

pub async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for table in ["mediation_session", "mediation_party", "mediation_case"] {
        manager
            .drop_table(Table::drop().table(table).to_owned())
            .await?;
    }
    Ok(())
}

fn case(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("mediation_case")
        .col(pk_auto("id"))
        .col(string_len("area_kind", 16))
        .check(Expr::col("area_kind").is_in(["community", "grid"]))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .col(string_len_null("place", 256))
        .col(string_len("category", 16))
        .check(Expr::col("category").is_in(CATEGORIES))
        .col(boolean("major"))
        .col(string_len("summary", 2000))
        .col(integer("mediator_user_id"))
        .foreign_key(&mut fk("mediation_case", "mediator_user_id", "app_user"))
        .col(string_len("status", 16))
        .check(Expr::col("status").is_in(STATUSES))
        .col(string_len_null("outcome", 16))
        .check(
            Expr::col("outcome")
                .is_null()
                .or(Expr::col("outcome").is_in(OUTCOMES)),
        )
        .col(string_len_null("agreement", 2000))
        .col(date_null("agreement_signed_on"))
        .col(date_null("follow_up_due"))
        .col(date_null("followed_up_on"))
        .col(string_len_null("follow_up_notes", 2000))
        .col(timestamp_with_time_zone("opened_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

fn party(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("mediation_party")
        .col(pk_auto("id"))
        .col(integer("case_id"))
        .foreign_key(&mut fk("mediation_party", "case_id", "mediation_case"))
        .col(path_column(backend, "area_path"))
        .col(boolean("major"))
        .col(integer_null("resident_id"))
        .foreign_key(&mut fk("mediation_party", "resident_id", "resident"))
        .col(string_len_null("name", 32))
        .col(string_len_null("phone", 16))
        // A party is a resident of the register or a named outsider, never neither.
        .check(
            Expr::col("resident_id")
                .is_not_null()
                .or(Expr::col("name").is_not_null()),
        )
        .to_owned()
}

fn session(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("mediation_session")
        .col(pk_auto("id"))
        .col(integer("case_id"))
        .foreign_key(&mut fk("mediation_session", "case_id", "mediation_case"))
        .col(path_column(backend, "area_path"))
        .col(boolean("major"))
        .col(date("held_on"))
        .col(string_len("notes", 2000))
        .col(timestamp_with_time_zone("recorded_at"))
        .to_owned()
}
