//! Creating accounts: users with their grants, and API clients with their area.

use std::str::FromStr;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set, SqlErr, TransactionTrait,
};

use entity::enums::AccountStatus;
use entity::{
    api_client, app_user, building, community, district, grid, household, role_grant, street, unit,
};

use super::{Auth, password};
use crate::access::{AreaKind, Role};
use crate::error::{AppError, AppResult};

/// Shortest password accepted for a new account.
pub const MIN_PASSWORD_LEN: usize = 8;

/// A user to create.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub display_name: String,
    pub resident_id: Option<i32>,
    pub grants: Vec<GrantSpec>,
}

/// An API client to create. It sees one area, with the given scopes.
#[derive(Clone, Debug)]
pub struct NewClient {
    pub client_id: String,
    pub secret: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub daily_quota: i32,
    pub area_kind: AreaKind,
    pub area_id: i32,
    /// A first-party app that may run registered (trusted) documents only.
    pub trusted_documents_only: bool,
}

/// A grant to give: a role on an area named by kind and id (`GRID_WORKER:grid:12`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GrantSpec {
    pub role: Role,
    pub area_kind: AreaKind,
    pub area_id: i32,
}

impl FromStr for GrantSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let usage = || format!("`{text}` is not ROLE:AREA_KIND:AREA_ID (e.g. GRID_WORKER:grid:12)");
        let mut parts = text.split(':');
        let (Some(role), Some(kind), Some(id), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(usage());
        };
        Ok(GrantSpec {
            role: Role::parse(&role.to_ascii_uppercase()).ok_or_else(usage)?,
            area_kind: AreaKind::parse(&kind.to_ascii_lowercase()).ok_or_else(usage)?,
            area_id: id.parse().map_err(|_| usage())?,
        })
    }
}

impl Auth {
    /// Creates an active user with its grants; returns its id.
    pub async fn create_user(&self, user: NewUser) -> AppResult<i32> {
        check_name("username", &user.username)?;
        check_password(&user.password)?;
        let hash = password::hash_blocking(user.password).await?;
        let txn = self.db.begin().await?;
        let now = Utc::now();
        let created = app_user::ActiveModel {
            username: Set(user.username),
            password_hash: Set(hash),
            display_name: Set(user.display_name),
            status: Set(AccountStatus::Active),
            resident_id: Set(user.resident_id),
            token_version: Set(0),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|err| conflict(err, "username already taken"))?;
        for spec in user.grants {
            let area_path = area_path(&txn, spec.area_kind, spec.area_id).await?;
            role_grant::ActiveModel {
                user_id: Set(created.id),
                role: Set(spec.role.as_str().to_owned()),
                area_kind: Set(spec.area_kind.table().to_owned()),
                area_id: Set(spec.area_id),
                area_path: Set(area_path),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(|err| conflict(err, "duplicate grant"))?;
        }
        txn.commit().await?;
        Ok(created.id)
    }

    /// Creates an active API client; returns its id.
    pub async fn create_client(&self, client: NewClient) -> AppResult<i32> {
        check_name("client id", &client.client_id)?;
        check_password(&client.secret)?;
        let area_path = area_path(&self.db, client.area_kind, client.area_id).await?;
        let hash = password::hash_blocking(client.secret).await?;
        let created = api_client::ActiveModel {
            client_id: Set(client.client_id),
            secret_hash: Set(hash),
            name: Set(client.name),
            scopes: Set(client.scopes.join(",")),
            status: Set(AccountStatus::Active),
            token_version: Set(0),
            daily_quota: Set(client.daily_quota),
            area_kind: Set(client.area_kind.table().to_owned()),
            area_id: Set(client.area_id),
            area_path: Set(area_path),
            created_at: Set(Utc::now()),
            trusted_documents_only: Set(client.trusted_documents_only),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .map_err(|err| conflict(err, "client id already taken"))?;
        Ok(created.id)
    }
}

/// 3 to 64 characters of `A-Z a-z 0-9 . _ -`.
fn check_name(what: &str, name: &str) -> AppResult<()> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if !(3..=64).contains(&name.len()) || !name.chars().all(allowed) {
        return Err(AppError::bad_input(format!(
            "{what} must be 3 to 64 characters of letters, digits, '.', '_' and '-'"
        )));
    }
    Ok(())
}

fn check_password(password: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD_LEN || password.len() > password::MAX_LEN {
        return Err(AppError::bad_input(format!(
            "password must be {MIN_PASSWORD_LEN} to {} characters",
            password::MAX_LEN
        )));
    }
    Ok(())
}

fn conflict(err: sea_orm::DbErr, message: &str) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(message.to_owned()),
        _ => err.into(),
    }
}

/// The materialised path of an area; a missing area is bad input.
pub async fn area_path(db: &impl ConnectionTrait, kind: AreaKind, id: i32) -> AppResult<String> {
    macro_rules! path_of {
        ($module:ident) => {
            $module::Entity::find_by_id(id)
                .select_only()
                .column($module::Column::Path)
                .into_tuple::<String>()
                .one(db)
                .await?
        };
    }
    let path = match kind {
        AreaKind::District => path_of!(district),
        AreaKind::Street => path_of!(street),
        AreaKind::Community => path_of!(community),
        AreaKind::Grid => path_of!(grid),
        AreaKind::Building => path_of!(building),
        AreaKind::Unit => path_of!(unit),
        AreaKind::Household => path_of!(household),
    };
    path.ok_or_else(|| AppError::bad_input(format!("no {} with id {id}", kind.table())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_specs_parse_from_the_command_line_form() {
        let spec: GrantSpec = "GRID_WORKER:grid:12".parse().unwrap();
        assert_eq!(
            spec,
            GrantSpec {
                role: Role::GridWorker,
                area_kind: AreaKind::Grid,
                area_id: 12
            }
        );
        assert_eq!(
            "district_admin:DISTRICT:1"
                .parse::<GrantSpec>()
                .unwrap()
                .role,
            Role::DistrictAdmin
        );
        for bad in [
            "",
            "GRID_WORKER:grid",
            "KING:grid:1",
            "GRID_WORKER:city:1",
            "GRID_WORKER:grid:x",
            "A:b:1:2",
        ] {
            assert!(bad.parse::<GrantSpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert!(check_name("username", "grid.worker-1_a").is_ok());
        for bad in ["ab", "has space", "名字abc", &"x".repeat(65)] {
            assert!(check_name("username", bad).is_err(), "{bad}");
        }
        assert!(check_password("12345678").is_ok());
        assert!(check_password("1234567").is_err());
    }
}
