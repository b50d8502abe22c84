//! The loader's positional decoders (households, residents) read every row as sea-orm's
//! derived decoder does, NULLs included, and fail cleanly on rows of another shape.

use community_hub::graphql::pagination::by_position;
use entity::{household, resident};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Iterable, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use crate::harness::{Fixture, TestApp};

/// Every row of `E`, decoded both ways, with a trailing extra column as the loader's
/// window statement has (`rn`).
async fn both_ways<E>(app: &TestApp) -> Vec<(E::Model, E::Model)>
where
    E: EntityTrait,
    E::Model: FromQueryResult + community_hub::graphql::pagination::DecodeByPosition,
{
    let select = E::find().expr_as(Expr::val(1), "rn").into_query();
    let rows = app.state.db.query_all(&select).await.unwrap();
    assert!(!rows.is_empty());
    let positional = by_position::<E::Model>(&rows).unwrap();
    let derived = rows
        .iter()
        .map(|row| E::Model::from_query_result(row, "").unwrap());
    positional.into_iter().zip(derived).collect()
}

#[tokio::test]
async fn positional_decoding_reads_what_the_derived_decoder_reads() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let db = &app.state.db;
    // Both states of every nullable column: the seed leaves most of them NULL.
    resident::Entity::update_many()
        .col_expr(
            resident::Column::MovedOutOn,
            Expr::val(chrono::NaiveDate::from_ymd_opt(2026, 1, 2)),
        )
        .col_expr(resident::Column::Phone, Expr::val(Option::<String>::None))
        .filter(resident::Column::Id.lt(10))
        .exec(db)
        .await
        .unwrap();
    household::Entity::update_many()
        .col_expr(
            household::Column::RegisteredAddress,
            Expr::val("湖北省武汉市江岸区"),
        )
        .filter(household::Column::Id.lt(5))
        .exec(db)
        .await
        .unwrap();

    let residents = both_ways::<resident::Entity>(&app).await;
    for (positional, derived) in &residents {
        assert_eq!(positional, derived);
    }
    for nullable in [
        |r: &resident::Model| r.moved_out_on.is_some(),
        |r: &resident::Model| r.phone.is_some(),
    ] {
        assert!(residents.iter().any(|(r, _)| nullable(r)));
        assert!(residents.iter().any(|(r, _)| !nullable(r)));
    }

    let households = both_ways::<household::Entity>(&app).await;
    for (positional, derived) in &households {
        assert_eq!(positional, derived);
    }
    assert!(
        households
            .iter()
            .any(|(h, _)| h.registered_address.is_some())
    );
    assert!(
        households
            .iter()
            .any(|(h, _)| h.registered_address.is_none())
    );
}

/// The error decoding residents from rows of just `columns`.
async fn error_reading(app: &TestApp, columns: [resident::Column; 2]) -> String {
    let select = resident::Entity::find()
        .select_only()
        .columns(columns)
        .into_query();
    let rows = app.state.db.query_all(&select).await.unwrap();
    by_position::<resident::Model>(&rows)
        .unwrap_err()
        .to_string()
}

#[tokio::test]
async fn a_row_of_another_shape_is_an_error_naming_the_column() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    use resident::Column::{HouseholdId, Id, Name};
    // `name` where `id` belongs.
    let error = error_reading(&app, [Name, Id]).await;
    assert!(error.contains("id:"), "{error}");
    // Too few columns: the first missing one is named.
    let error = error_reading(&app, [Id, HouseholdId]).await;
    assert!(error.contains("area_path:"), "{error}");
}

#[tokio::test]
async fn a_column_of_another_type_is_an_error_even_where_its_first_cell_is_null() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let db = &app.state.db;
    // The first rows' `phone` NULL, then an integer where the text belongs.
    let phone = "CASE WHEN \"resident\".\"id\" < 3 THEN NULL ELSE 1 END";
    let mut select = resident::Entity::find().select_only();
    for column in <resident::Entity as EntityTrait>::Column::iter() {
        select = match column {
            resident::Column::Phone => select.expr_as(Expr::cust(phone), "phone"),
            column => select.column(column),
        };
    }
    let select = select
        .order_by_asc(resident::Column::Id)
        .limit(5)
        .into_query();
    let rows = db.query_all(&select).await.unwrap();
    // PostgreSQL checks the column's one type on the first row; SQLite checks each value,
    // so there the NULLs pass and the first integer does not.
    let error = by_position::<resident::Model>(&rows).unwrap_err();
    assert!(error.to_string().contains("phone:"), "{error}");
}
