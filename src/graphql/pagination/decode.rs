//! Rows read by position, for the widest lists.
//!
//! A nested page such as (b)'s households → residents decodes thousands of rows per
//! request, and sea-orm's derived `FromQueryResult` was a fifth of the server's CPU
//! there: it looks every cell up by column name and, for each NULL `Option` cell
//! (a resident's `moved_out_on` is NULL for nearly everyone), formats an error message
//! before it becomes `None`. The loader selects every column of the table in the
//! entity's column order (`Column::iter()`), so the cells can be read in that order
//! instead. [`by_position!`] writes such a decoder from the model's field names, and a
//! test checks each list against the entity's columns; the loader's results are the
//! derived decoder's either way (tests in `tests/api/decode.rs` on both databases).

use std::sync::OnceLock;

use chrono::NaiveDate;
use sea_orm::sqlx::postgres::PgRow;
use sea_orm::sqlx::sqlite::SqliteRow;
use sea_orm::sqlx::{self, Column, Decode, Postgres, Row, Sqlite, Type, TypeInfo};
use sea_orm::{ActiveEnum, DbErr, Iterable, QueryResult};

/// A model that can be read from the cells of a row, in select order.
pub trait DecodeByPosition: Sized {
    /// The columns the decoder reads, in order: the entity's own, checked by a test.
    const COLUMNS: &'static [&'static str];
    fn decode(cells: &mut Cells<'_>) -> Result<Self, DbErr>;
}

/// Decodes `rows` of one statement, each starting with the columns of `M` in order.
///
/// sqlx checks a cell's type against the Rust type on every read: a clone and a
/// comparison of the column's type per cell, ~5 % of (b)'s server samples. A
/// PostgreSQL column's type is the statement's, the same in every row, so it is checked
/// once, on the first row (NULL cells included); an SQLite value carries its own type,
/// so there every cell is checked as sqlx does.
pub fn decode_all<M: DecodeByPosition>(rows: &[QueryResult]) -> Result<Vec<M>, DbErr> {
    let mut models = Vec::with_capacity(rows.len());
    for (at, row) in rows.iter().enumerate() {
        let row = if let Some(row) = row.try_as_pg_row() {
            Backend::Postgres(row)
        } else if let Some(row) = row.try_as_sqlite_row() {
            Backend::Sqlite(row)
        } else {
            return Err(DbErr::Type("a row of an unknown backend".into()));
        };
        let check = at == 0;
        models.push(M::decode(&mut Cells {
            row,
            check,
            next: 0,
        })?);
    }
    Ok(models)
}

/// The cells of one row, read left to right.
pub struct Cells<'r> {
    row: Backend<'r>,
    /// Check each PostgreSQL column's type (the first row of a statement).
    check: bool,
    next: usize,
}

/// The driver's row behind a [`QueryResult`].
#[derive(Clone, Copy)]
pub enum Backend<'r> {
    Postgres(&'r PgRow),
    Sqlite(&'r SqliteRow),
}

impl Cells<'_> {
    /// The next cell as a `T`; `column` names it in the error only.
    pub fn next<T: Cell>(&mut self, column: &'static str) -> Result<T, DbErr> {
        let index = self.next;
        self.next += 1;
        T::read(self.row, index, self.check)
            .map_err(|error| DbErr::Type(format!("{column}: {error}")))
    }
}

/// A type a cell decodes to. Implemented for the column types of the decoded entities
/// (a blanket impl over sqlx's traits would collide with the enums' impls).
pub trait Cell: Sized {
    fn read(row: Backend<'_>, index: usize, check: bool) -> Result<Self, sqlx::Error>;
}

/// A cell of a type sqlx decodes on both backends; see [`decode_all`] for `check`.
fn sqlx_cell<'r, T>(row: Backend<'r>, index: usize, check: bool) -> Result<T, sqlx::Error>
where
    T: Decode<'r, Postgres> + Type<Postgres> + Decode<'r, Sqlite> + Type<Sqlite>,
{
    match row {
        Backend::Postgres(row) => {
            if check {
                let ty = row.try_column(index)?.type_info();
                if !<T as Type<Postgres>>::compatible(ty) {
                    return Err(sqlx::Error::ColumnDecode {
                        index: format!("{index:?}"),
                        source: format!(
                            "mismatched types; Rust type `{}` is not compatible with SQL type `{}`",
                            std::any::type_name::<T>(),
                            ty.name()
                        )
                        .into(),
                    });
                }
            }
            row.try_get_unchecked(index)
        }
        Backend::Sqlite(row) => row.try_get(index),
    }
}

macro_rules! sqlx_cells {
    ($($ty:ty),+ $(,)?) => {$(
        impl Cell for $ty {
            fn read(row: Backend<'_>, index: usize, check: bool) -> Result<Self, sqlx::Error> {
                sqlx_cell(row, index, check)
            }
        }
        impl Cell for Option<$ty> {
            fn read(row: Backend<'_>, index: usize, check: bool) -> Result<Self, sqlx::Error> {
                sqlx_cell(row, index, check)
            }
        }
    )+};
}

sqlx_cells!(i32, i64, bool, String, NaiveDate);

/// String-valued active enums: the variant whose value the cell holds, matched on the
/// row's own bytes (sea-orm decodes a `String` first).
macro_rules! enum_cells {
    ($($ty:ty),+ $(,)?) => {$(
        impl Cell for $ty {
            fn read(row: Backend<'_>, index: usize, check: bool) -> Result<Self, sqlx::Error> {
                static VALUES: OnceLock<Vec<(String, $ty)>> = OnceLock::new();
                let values = VALUES.get_or_init(|| {
                    <$ty>::iter().map(|variant| (variant.to_value(), variant)).collect()
                });
                let text: &str = sqlx_cell(row, index, check)?;
                values
                    .iter()
                    .find(|(value, _)| value == text)
                    .map(|(_, variant)| *variant)
                    .ok_or_else(|| {
                        sqlx::Error::Decode(
                            format!("unexpected value for {}: {text}", stringify!($ty)).into(),
                        )
                    })
            }
        }
    )+};
}

enum_cells!(
    entity::enums::Gender,
    entity::enums::HouseholdRelation,
    entity::enums::ResidenceStatus,
);

/// Implements [`DecodeByPosition`] for `$model`, whose fields are listed in the
/// entity's column order (each column named as its field).
macro_rules! by_position {
    ($model:path { $($field:ident),+ $(,)? }) => {
        impl DecodeByPosition for $model {
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];
            fn decode(cells: &mut Cells<'_>) -> Result<Self, DbErr> {
                // A struct expression evaluates its fields in the order written.
                Ok(Self { $($field: cells.next(stringify!($field))?),+ })
            }
        }
    };
}

by_position!(entity::household::Model {
    id,
    unit_id,
    code,
    room,
    residence_status,
    registered_address,
    path,
});

by_position!(entity::resident::Model {
    id,
    household_id,
    area_path,
    name,
    gender,
    birth_date,
    id_number,
    phone,
    relation,
    tags,
    is_party_member,
    moved_in_on,
    moved_out_on,
});

#[cfg(test)]
mod tests {
    use sea_orm::{EntityTrait, IdenStatic, Iterable};

    use super::DecodeByPosition;

    fn columns<E: EntityTrait>() -> Vec<&'static str> {
        E::Column::iter().map(|column| column.as_str()).collect()
    }

    #[test]
    fn each_decoder_reads_its_entitys_columns_in_order() {
        assert_eq!(
            entity::household::Model::COLUMNS,
            columns::<entity::household::Entity>()
        );
        assert_eq!(
            entity::resident::Model::COLUMNS,
            columns::<entity::resident::Entity>()
        );
    }
}
