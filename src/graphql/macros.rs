//! Declarations that would otherwise be copied for every resource.

/// Implements [`Resource`](crate::graphql::pagination::Resource) (and `From<Model>`) for a
/// node wrapper `$node(module::Model)` whose table has an `i32` `id`.
macro_rules! resource {
    ($node:ident, $module:ident, $order:ty, $filter:ty
        $(, parents { $($field:literal => $parent:ty, $fk:ident);+ $(;)? })?
        $(, decode = $decode:path)?) => {
        impl From<entity::$module::Model> for $node {
            fn from(model: entity::$module::Model) -> Self {
                $node(model)
            }
        }

        impl $crate::graphql::pagination::Resource for $node {
            type Entity = entity::$module::Entity;
            type Order = $order;
            type Filter = $filter;
            const KIND: $crate::graphql::ids::NodeKind = $crate::graphql::ids::NodeKind::$node;

            fn id_column() -> entity::$module::Column {
                entity::$module::Column::Id
            }
            fn id_of(model: &entity::$module::Model) -> i32 {
                model.id
            }
            fn model(&self) -> &entity::$module::Model {
                &self.0
            }
            fn order_column(order: $order) -> (Option<entity::$module::Column>, bool) {
                order.sort()
            }
            fn order_class(order: $order) -> Option<$crate::access::policy::PiiClass> {
                order.class()
            }
            fn filter_condition(
                filter: &$filter,
                env: $crate::graphql::pagination::FilterEnv,
            ) -> $crate::error::AppResult<sea_orm::sea_query::Condition> {
                filter.condition(env)
            }
            $(
                fn parents() -> Vec<$crate::graphql::pagination::ToOne> {
                    vec![$($crate::graphql::pagination::Join::<$node, $parent>::to_one(
                        $field,
                        entity::$module::Column::$fk,
                    )),+]
                }
            )?
            $(
                fn decode_rows(
                    rows: &[sea_orm::QueryResult],
                ) -> Result<Vec<entity::$module::Model>, sea_orm::DbErr> {
                    $decode(rows)
                }
            )?
        }
    };
}

/// An `orderBy` enum: `IdAsc` (the default) and `IdDesc`, plus the listed variants,
/// each mapped to a column of `$module`, a direction, and the class of personal
/// information it sorts on (if any). The id breaks ties.
macro_rules! order_enum {
    ($(#[$meta:meta])* $name:ident for $module:ident {
        $($(#[$vmeta:meta])* $variant:ident => ($column:ident, $desc:expr $(, $class:ident)?)),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(async_graphql::Enum, Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub enum $name {
            /// Oldest first.
            #[default]
            IdAsc,
            /// Newest first.
            IdDesc,
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            pub fn sort(self) -> (Option<entity::$module::Column>, bool) {
                match self {
                    $name::IdAsc => (None, false),
                    $name::IdDesc => (None, true),
                    $($name::$variant => (Some(entity::$module::Column::$column), $desc),)*
                }
            }

            /// The class of personal information this order sorts on.
            pub fn class(self) -> Option<$crate::access::policy::PiiClass> {
                match self {
                    $name::IdAsc | $name::IdDesc => None,
                    $($name::$variant => None $(.or(Some($crate::access::policy::PiiClass::$class)))?,)*
                }
            }
        }
    };
}

/// A GraphQL enum mirroring an entity enum value for value, so the entity crate stays
/// free of GraphQL.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $name:ident = $source:path { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl From<$source> for $name {
            fn from(value: $source) -> Self {
                use $source as Source;
                match value {
                    $(Source::$variant => $name::$variant,)*
                }
            }
        }

        impl From<$name> for $source {
            fn from(value: $name) -> Self {
                use $source as Source;
                match value {
                    $($name::$variant => Source::$variant,)*
                }
            }
        }
    };
}

pub(crate) use {mirror_enum, order_enum, resource};
