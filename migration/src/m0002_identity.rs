//! Identity: user accounts with their role grants, API clients, refresh tokens, and the
//! append-only audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_identity"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(app_user()).await?;
        manager.create_table(role_grant(backend)).await?;
        manager
            .create_index(index("role_grant", &["user_id"]))
            .await?;
        manager
            .create_index(
                index("role_grant", &["user_id", "role", "area_kind", "area_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_table(api_client(backend)).await?;
        manager.create_table(refresh_token()).await?;
        manager
            .create_index(index("refresh_token", &["user_id"]))
            .await?;
        manager
            .create_index(index("refresh_token", &["family"]))
            .await?;
        manager.create_table(audit_log(backend)).await?;
        manager.create_index(index("audit_log", &["at"])).await?;
        manager
            .create_index(index("audit_log", &["area_path"]))
            .await?;
        make_append_only(manager, backend).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_log",
            "refresh_token",
            "api_client",
            "role_grant",
            "app_user",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        Ok(())
    }
}

/// `status IN ('ACTIVE', 'DISABLED')`.
fn status_check() -> Expr {
    Expr::col("status").is_in(["ACTIVE", "DISABLED"])
}

fn app_user() -> TableCreateStatement {
    Table::create()
        .table("app_user")
        .col(pk_auto("id"))
        .col(string_len_uniq("username", 64))
        .col(string("password_hash"))
        .col(string("display_name"))
        .col(string_len("status", 16))
        .check(status_check())
        .col(integer_null("resident_id"))
        .foreign_key(
            ForeignKey::create()
                .from("app_user", "resident_id")
                .to("resident", "id")
                .on_delete(ForeignKeyAction::SetNull),
        )
        .col(integer("token_version").default(0))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

/// A role a user holds on one area. API clients carry their area on `api_client`.
fn role_grant(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("role_grant")
        .col(pk_auto("id"))
        .col(integer("user_id"))
        .foreign_key(
            ForeignKey::create()
                .from("role_grant", "user_id")
                .to("app_user", "id")
                .on_delete(ForeignKeyAction::Cascade),
        )
        .col(string_len("role", 32))
        .col(string_len("area_kind", 16))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn api_client(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("api_client")
        .col(pk_auto("id"))
        .col(string_len_uniq("client_id", 64))
        .col(string("secret_hash"))
        .col(string("name"))
        .col(string("scopes"))
        .col(string_len("status", 16))
        .check(status_check())
        .col(integer("token_version").default(0))
        .col(integer("daily_quota"))
        .col(string_len("area_kind", 16))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

/// Refresh tokens are stored as the SHA-256 of the opaque token, never the token.
fn refresh_token() -> TableCreateStatement {
    Table::create()
        .table("refresh_token")
        .col(pk_auto("id"))
        .col(integer("user_id"))
        .foreign_key(
            ForeignKey::create()
                .from("refresh_token", "user_id")
                .to("app_user", "id")
                .on_delete(ForeignKeyAction::Cascade),
        )
        .col(string_len("family", 36))
        .col(string_len_uniq("token_hash", 64))
        .col(timestamp_with_time_zone("expires_at"))
        .col(timestamp_with_time_zone_null("used_at"))
        .col(timestamp_with_time_zone_null("revoked_at"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn audit_log(backend: DatabaseBackend) -> TableCreateStatement {
    let mut area_path = path_column(backend, "area_path");
    area_path.null();
    Table::create()
        .table("audit_log")
        .col(big_pk_auto("id"))
        .col(timestamp_with_time_zone("at"))
        .col(string_len("actor_kind", 16))
        .col(integer_null("actor_id"))
        .col(string_null("actor_name"))
        .col(string("roles"))
        .col(string_len("action", 64))
        .col(string_len_null("entity", 32))
        .col(integer_null("entity_id"))
        .col(string_null("fields"))
        .col(string_null("purpose"))
        .col(string_len_null("request_id", 64))
        .col(string_len_null("client_ip", 64))
        .col(area_path)
        .col(string_len("outcome", 16))
        .to_owned()
}

/// Rows of `audit_log` can be added, never changed or removed, whoever connects.
async fn make_append_only(
    manager: &SchemaManager<'_>,
    backend: DatabaseBackend,
) -> Result<(), DbErr> {
    let statements: &[&str] = match backend {
        DatabaseBackend::Postgres => &[
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$",
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
             FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
        ],
        _ => &[
            "CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ],
    };
    for sql in statements {
        manager.get_connection().execute_unprepared(sql).await?;
    }
    Ok(())
}
