//! Which operation of a document a request runs, for metrics and the request span:
//! the one named by `operationName`, else the document's only operation (anonymous
//! operations have no name).

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument};

pub fn operation_name(document: &ExecutableDocument, requested: Option<&str>) -> Option<String> {
    match (&document.operations, requested) {
        (DocumentOperations::Multiple(operations), Some(name)) => {
            operations.contains_key(name).then(|| name.to_owned())
        }
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.keys().next().map(|name| name.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(query: &str, requested: Option<&str>) -> Option<String> {
        operation_name(
            &async_graphql::parser::parse_query(query).unwrap(),
            requested,
        )
    }

    #[test]
    fn the_requested_or_the_only_named_operation() {
        assert_eq!(name("query A { x }", None).as_deref(), Some("A"));
        assert_eq!(name("{ x }", None), None);
        assert_eq!(
            name("query A { x } query B { y }", Some("B")).as_deref(),
            Some("B")
        );
        assert_eq!(name("query A { x } query B { y }", None), None);
        assert_eq!(name("query A { x }", Some("C")), None);
    }
}
