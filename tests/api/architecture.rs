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
/// SQL. The one statement built by hand (nested pages) starts from `access::visible`.
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
                let allowed = file.ends_with("graphql/pagination/loader.rs")
                    && pattern == "find_by_statement("
                    && text[..at].contains("access::visible::<R::Entity>(&self.viewer)");
                assert!(
                    allowed,
                    "{} uses `{pattern}` outside access",
                    file.display()
                );
            }
        }
    }
}
