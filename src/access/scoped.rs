//! How each scoped table declares where its rows sit in the territory. A table becomes
//! reachable through [`super::visible`] only once it implements [`Scoped`].

use sea_orm::EntityTrait;

use entity::{
    audit_log, building, community, district, grid, household, party_organization, request,
    request_event, resident, street, unit,
};

/// What sort of rows a table holds, which decides which roles reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    /// Areas of the territory tree (district … household).
    Area,
    /// People's records (residents): personal information.
    Resident,
    /// The audit trail, read by district administrators only.
    Audit,
    /// Residents' requests and their events.
    Request,
    /// Party organisations (党组织): not personal data, seen by every grant in its area.
    Party,
}

/// A table whose rows belong to an area of the territory tree.
pub trait Scoped: EntityTrait {
    const KIND: ScopeKind;
    /// The materialised path that places a row in the tree.
    fn scope_column() -> Self::Column;
    /// The user a row belongs to, who sees it wherever it is (a request's reporter).
    fn owner_column() -> Option<Self::Column> {
        None
    }
}

macro_rules! scoped_by {
    ($($module:ident => $column:ident as $kind:ident),+ $(,)?) => {
        $(impl Scoped for $module::Entity {
            const KIND: ScopeKind = ScopeKind::$kind;
            fn scope_column() -> Self::Column {
                $module::Column::$column
            }
        })+
    };
}

scoped_by!(
    district => Path as Area,
    street => Path as Area,
    community => Path as Area,
    grid => Path as Area,
    building => Path as Area,
    unit => Path as Area,
    household => Path as Area,
    resident => AreaPath as Resident,
    audit_log => AreaPath as Audit,
    party_organization => AreaPath as Party,
);

macro_rules! owned_by {
    ($($module:ident => $column:ident as $kind:ident, owner $owner:ident),+ $(,)?) => {
        $(impl Scoped for $module::Entity {
            const KIND: ScopeKind = ScopeKind::$kind;
            fn scope_column() -> Self::Column {
                $module::Column::$column
            }
            fn owner_column() -> Option<Self::Column> {
                Some($module::Column::$owner)
            }
        })+
    };
}

owned_by!(
    request => AreaPath as Request, owner ReporterUserId,
    request_event => AreaPath as Request, owner ReporterUserId,
);
