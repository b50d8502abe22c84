//! Building blocks shared by migrations, so every area table is shaped the same way.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// A materialised-path column. On PostgreSQL it uses the "C" collation so that a subtree
/// is a plain byte-order range (`path >= '1/3/' AND path < '1/30'`) served by a b-tree
/// index; SQLite's default BINARY collation already orders by bytes.
pub fn path_column(backend: DatabaseBackend, name: &'static str) -> ColumnDef {
    let mut column = string(name);
    if backend == DatabaseBackend::Postgres {
        column.extra("COLLATE \"C\"");
    }
    column
}

/// The columns every area table starts with: id, parent FK (none for the root), unique
/// code, name (but for households) and path.
pub fn area_table(
    backend: DatabaseBackend,
    table: &'static str,
    parent: Option<(&'static str, &'static str)>,
) -> TableCreateStatement {
    let mut create = Table::create();
    create.table(table).col(pk_auto("id"));
    if let Some((column, parent_table)) = parent {
        create.col(integer(column)).foreign_key(
            ForeignKey::create()
                .from(table, column)
                .to(parent_table, "id")
                .on_delete(ForeignKeyAction::Restrict),
        );
    }
    create.col(string_len_uniq("code", 32));
    // A household is known by its room, not a name.
    if table != "household" {
        create.col(string("name"));
    }
    create.col(path_column(backend, "path"));
    create
}

/// One index, named after its table and columns.
pub fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(index_name(table, columns)).table(table);
    for column in columns {
        index.col(*column);
    }
    index
}

/// Drops the index [`index`] made of `table` on `columns`.
pub fn drop_index(table: &'static str, columns: &[&'static str]) -> IndexDropStatement {
    Index::drop()
        .name(index_name(table, columns))
        .table(table)
        .to_owned()
}

/// The name [`index`] gives the index of `table` on `columns`.
pub fn index_name(table: &str, columns: &[&str]) -> String {
    format!("idx_{table}_{}", columns.join("_"))
}

/// A foreign key from `from.column` to `to.id` that refuses to delete a referenced row.
pub fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}
