//! Rules of the code's shape that keep it safe by construction.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// Resolvers and handlers reach tables only through `access`: no `Entity::find`, no raw
/// SQL. The statements built by hand (the loader's look-ups and nested pages, a look-up
/// with its children, a page with its parents) start from `access`.
#[test]
fn resolvers_never_query_a_table_except_through_access() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("graphql"), &mut files);
    rust_files(&root.join("http"), &mut files);
    let forbidden = [
        "::find()",
        "::find_by_id(",
        "find_by_statement(",
        "from_raw_sql(",
        "execute_unprepared(",
        "query_all(",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for pattern in forbidden {
            for (at, _) in text.match_indices(pattern) {
                let by_hand = [
                    (
                        "graphql/pagination/loader.rs",
                        "query_all(",
                        "access::visible::<R::Entity>(&self.viewer)",
                    ),
                    (
                        "graphql/pagination/with_children.rs",
                        "query_all(",
                        "access::visible::<P::Entity>(viewer)",
                    ),
                    (
                        "graphql/pagination/with_parents.rs",
                        "query_all(",
                        "access::scope_condition::<P::Entity>(viewer)",
                    ),
                ];
                let allowed = by_hand.iter().any(|(path, by, start)| {
                    file.ends_with(path) && pattern == *by && text[..at].contains(start)
                });
                assert!(
                    allowed,
                    "{} uses `{pattern}` outside access",
                    file.display()
                );
            }
        }
    }
}
