//! `schema.graphql` is generated from the code; this test fails when they drift.
//! `UPDATE_SCHEMA=1 cargo test schema` rewrites the file.

#[test]
fn checked_in_schema_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let generated = community_hub::graphql::sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|value| value == "1") {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schema.graphql is stale: run `UPDATE_SCHEMA=1 cargo test schema` \
         (or `cargo run -- export-schema --out schema.graphql`) and commit it"
    );
}
