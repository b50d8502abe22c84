//! Query limits checked once the document is parsed, before validation, any resolver
//! or any SQL: text length, depth, estimated complexity, aliases and directives. Each
//! rejection carries its own stable `extensions.code`.
//!
//! Depth counts levels of the graph: the Relay plumbing under a connection (`edges`,
//! `node`, `nodes`) adds none. Complexity is 1 per field, and a connection (a field with
//! `first`/`last`, or selecting `edges`/`nodes`) multiplies its selection by
//! `first`/`last`, or by the largest page when neither is given. Introspection fields
//! (`__schema`, `__type`, `__typename`) are free: they touch no data. Fragments are
//! counted where they are spread (each fragment is measured once).

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, Field, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, ServerError, ServerResult, Value, Variables};

use crate::config::QueryLimits;

/// The configured limits and the largest page size, checked by the executor
/// ([`super::execution`]) before validation, any resolver or any SQL.
pub struct Limits {
    pub limits: QueryLimits,
    pub max_page_size: u64,
}

impl Limits {
    /// The text limit, checked before the document is parsed.
    pub fn check_text(&self, query: &str) -> ServerResult<()> {
        let max_chars = self.limits.max_chars;
        if query.len() > max_chars && query.chars().count() > max_chars {
            return Err(rejection(
                "QUERY_TOO_LONG",
                format!("the query is longer than {max_chars} characters"),
            ));
        }
        Ok(())
    }

    /// Measures a parsed document with its variables against the limits; the cost is
    /// what rate limits charge.
    pub fn check_document(
        &self,
        document: &ExecutableDocument,
        variables: &Variables,
    ) -> ServerResult<Cost> {
        // Before measuring, which recurses: the nesting guard keeps that bounded.
        let max_nesting = self.limits.max_recursive_depth;
        if nesting_exceeds(document, max_nesting) {
            return Err(rejection(
                "QUERY_TOO_DEEP",
                format!("The recursion depth of the query cannot be greater than `{max_nesting}`"),
            ));
        }
        let measure = Measure::of(document, variables, self.max_page_size);
        self.check(&measure)?;
        Ok(measure)
    }

    fn check(&self, measure: &Cost) -> ServerResult<()> {
        let limits = &self.limits;
        let over = |code, what: &str, limit: u64| {
            Err(rejection(
                code,
                format!("the query has more than {limit} {what}"),
            ))
        };
        if measure.depth as u64 > limits.max_depth as u64 {
            return over("QUERY_TOO_DEEP", "levels", limits.max_depth as u64);
        }
        if measure.complexity > limits.max_complexity {
            return over(
                "QUERY_TOO_COMPLEX",
                "units of estimated cost",
                limits.max_complexity,
            );
        }
        if measure.aliases > limits.max_aliases {
            return over("TOO_MANY_ALIASES", "aliases", limits.max_aliases);
        }
        if measure.directives > limits.max_directives {
            return over("TOO_MANY_DIRECTIVES", "directives", limits.max_directives);
        }
        Ok(())
    }
}

/// Whether selection sets nest deeper than `max` levels, counting fields, inline
/// fragments and fragment spreads as async-graphql's own guard does (which runs again
/// inside execution). It never descends more than `max + 1` levels, so a cyclic or
/// absurdly deep document costs no more than a legal one.
fn nesting_exceeds(document: &ExecutableDocument, max: usize) -> bool {
    let deeper = |set: &Positioned<SelectionSet>| Nesting { document, max }.exceeds(set, 0);
    document
        .operations
        .iter()
        .any(|(_, operation)| deeper(&operation.node.selection_set))
}

struct Nesting<'a> {
    document: &'a ExecutableDocument,
    max: usize,
}

impl Nesting<'_> {
    fn exceeds(&self, set: &Positioned<SelectionSet>, depth: usize) -> bool {
        if depth > self.max {
            return true;
        }
        set.node
            .items
            .iter()
            .any(|selection| match &selection.node {
                Selection::Field(field) => {
                    let children = &field.node.selection_set;
                    !children.node.items.is_empty() && self.exceeds(children, depth + 1)
                }
                Selection::FragmentSpread(spread) => self
                    .document
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .is_some_and(|fragment| self.exceeds(&fragment.node.selection_set, depth + 1)),
                Selection::InlineFragment(inline) => {
                    self.exceeds(&inline.node.selection_set, depth + 1)
                }
            })
    }
}

fn rejection(code: &str, message: String) -> ServerError {
    let mut err = ServerError::new(message, None);
    set_code(&mut err, code);
    err
}

fn set_code(err: &mut ServerError, code: &str) {
    err.extensions
        .get_or_insert_with(Default::default)
        .set("code", code);
}

/// What a selection costs, summed over siblings (depth: the deepest).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    pub depth: usize,
    pub complexity: u64,
    pub aliases: u64,
    pub directives: u64,
}

impl Cost {
    fn add(&mut self, other: Cost) {
        self.depth = self.depth.max(other.depth);
        self.complexity = self.complexity.saturating_add(other.complexity);
        self.aliases = self.aliases.saturating_add(other.aliases);
        self.directives = self.directives.saturating_add(other.directives);
    }
}

/// Where a selection set sits, for the plumbing rule of depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Parent {
    Connection,
    Edges,
    Other,
}

struct Measure<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    max_page_size: u64,
    fragments: HashMap<(&'a str, Parent), Cost>,
    /// Fragments being measured: a cycle (invalid, rejected by validation later)
    /// counts as nothing instead of looping.
    open: Vec<&'a str>,
}

impl<'a> Measure<'a> {
    /// The costliest operation of the document.
    pub fn of(document: &'a ExecutableDocument, variables: &'a Variables, max_page: u64) -> Cost {
        let mut measure = Measure {
            document,
            variables,
            max_page_size: max_page,
            fragments: HashMap::new(),
            open: Vec::new(),
        };
        let mut worst = Cost::default();
        for (_, operation) in document.operations.iter() {
            let mut cost = measure.selection_set(&operation.node.selection_set, Parent::Other);
            cost.directives += operation.node.directives.len() as u64;
            worst.depth = worst.depth.max(cost.depth);
            worst.complexity = worst.complexity.max(cost.complexity);
            worst.aliases = worst.aliases.max(cost.aliases);
            worst.directives = worst.directives.max(cost.directives);
        }
        worst
    }

    fn selection_set(&mut self, set: &'a Positioned<SelectionSet>, parent: Parent) -> Cost {
        let mut total = Cost::default();
        for selection in &set.node.items {
            let cost = match &selection.node {
                Selection::Field(field) => self.field(&field.node, parent),
                Selection::InlineFragment(inline) => {
                    let mut cost = self.selection_set(&inline.node.selection_set, parent);
                    cost.directives += inline.node.directives.len() as u64;
                    cost
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    let mut cost = self.fragment(name, parent);
                    cost.directives += spread.node.directives.len() as u64;
                    cost
                }
            };
            total.add(cost);
        }
        total
    }

    fn fragment(&mut self, name: &'a str, parent: Parent) -> Cost {
        if let Some(cost) = self.fragments.get(&(name, parent)) {
            return *cost;
        }
        let Some(definition) = self.document.fragments.get(name) else {
            return Cost::default();
        };
        if self.open.contains(&name) {
            return Cost::default();
        }
        self.open.push(name);
        let definition: &'a Positioned<FragmentDefinition> = definition;
        let mut cost = self.selection_set(&definition.node.selection_set, parent);
        cost.directives += definition.node.directives.len() as u64;
        self.open.pop();
        self.fragments.insert((name, parent), cost);
        cost
    }

    fn field(&mut self, field: &'a Field, parent: Parent) -> Cost {
        let name = field.name.node.as_str();
        if name.starts_with("__") {
            return Cost::default();
        }
        let plumbing = matches!(
            (parent, name),
            (Parent::Connection, "edges" | "nodes") | (Parent::Edges, "node")
        );
        let page = self.page_size(field);
        let inner = match (page, parent, name) {
            (Some(_), _, _) => Parent::Connection,
            (None, Parent::Connection, "edges") => Parent::Edges,
            _ => Parent::Other,
        };
        let children = self.selection_set(&field.selection_set, inner);
        let multiplier = page.unwrap_or(1);
        Cost {
            depth: children.depth + usize::from(!plumbing),
            complexity: multiplier
                .saturating_mul(children.complexity)
                .saturating_add(1),
            aliases: children.aliases + u64::from(field.alias.is_some()),
            directives: children.directives + field.directives.len() as u64,
        }
    }

    /// The page a connection field asks for; `None` when the field is no connection.
    fn page_size(&self, field: &'a Field) -> Option<u64> {
        let requested = field
            .arguments
            .iter()
            .filter(|(name, _)| matches!(name.node.as_str(), "first" | "last"))
            .map(|(_, value)| {
                let variable = |name: Name| self.variables.get(&name).cloned().ok_or(());
                match value.node.clone().into_const_with(variable) {
                    Ok(Value::Number(number)) => number.as_u64(),
                    _ => None,
                }
            })
            .collect::<Vec<_>>();
        if requested.is_empty() && !self.selects_list(&field.selection_set, &mut Vec::new()) {
            return None;
        }
        let largest = requested.into_iter().max().flatten();
        Some(
            largest
                .unwrap_or(self.max_page_size)
                .min(self.max_page_size),
        )
    }

    /// Whether a selection asks for `edges` or `nodes` (directly or through fragments).
    fn selects_list(&self, set: &'a Positioned<SelectionSet>, seen: &mut Vec<&'a Name>) -> bool {
        set.node
            .items
            .iter()
            .any(|selection| match &selection.node {
                Selection::Field(field) => {
                    matches!(field.node.name.node.as_str(), "edges" | "nodes")
                }
                Selection::InlineFragment(inline) => {
                    self.selects_list(&inline.node.selection_set, seen)
                }
                Selection::FragmentSpread(spread) => {
                    let name = &spread.node.fragment_name.node;
                    if seen.contains(&name) {
                        return false;
                    }
                    seen.push(name);
                    self.document.fragments.get(name).is_some_and(|fragment| {
                        self.selects_list(&fragment.node.selection_set, seen)
                    })
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(query: &str) -> Cost {
        let document = async_graphql::parser::parse_query(query).unwrap();
        Measure::of(&document, &Variables::default(), 100)
    }

    #[test]
    fn connection_plumbing_adds_no_depth() {
        assert_eq!(cost("{ a { b { c } } }").depth, 3);
        assert_eq!(
            cost("{ grids(first: 2) { edges { node { id } } } }").depth,
            2
        );
        assert_eq!(
            cost("{ grids(first: 2) { nodes { id } totalCount } }").depth,
            2
        );
    }

    #[test]
    fn first_multiplies_the_selection_and_no_first_counts_the_largest_page() {
        // grids 1 + 2 × (nodes 1 + id 1)
        assert_eq!(cost("{ grids(first: 2) { nodes { id } } }").complexity, 5);
        assert_eq!(cost("{ grids { nodes { id } } }").complexity, 201);
        assert_eq!(
            cost("{ grids(first: 500) { nodes { id } } }").complexity,
            201
        );
        let nested = "{ a(first: 10) { nodes { b(first: 10) { nodes { id } } } } }";
        assert_eq!(cost(nested).complexity, 1 + 10 * (1 + 1 + 10 * 2));
    }

    #[test]
    fn fragments_count_where_spread_and_cycles_end() {
        let query = "{ grids(first: 3) { ...G } } fragment G on GridConnection { nodes { x: id } }";
        let measured = cost(query);
        assert_eq!(measured.complexity, 1 + 3 * 2);
        assert_eq!(measured.aliases, 1);
        let cyclic = "{ a { ...A } } fragment A on T { b { ...A } }";
        assert_eq!(cost(cyclic).depth, 2);
    }

    #[test]
    fn nesting_is_bounded_like_async_graphqls_guard_and_cycles_end() {
        let nested = |levels: usize| {
            let document = format!("{}x{}", "{ a ".repeat(levels), " }".repeat(levels));
            async_graphql::parser::parse_query(document).unwrap()
        };
        // Three levels of selection sets: depths 0, 1 and 2.
        assert!(!nesting_exceeds(&nested(3), 2));
        assert!(nesting_exceeds(&nested(4), 2));
        let cyclic = async_graphql::parser::parse_query("{ ...A } fragment A on T { b { ...A } }");
        assert!(nesting_exceeds(&cyclic.unwrap(), 32));
    }

    #[test]
    fn aliases_and_directives_are_counted_in_every_operation() {
        let measured = cost("{ a: me { id @skip(if: false) } b: me { id } }");
        assert_eq!((measured.aliases, measured.directives), (2, 1));
        assert_eq!(cost("{ __schema { types { name } } }"), Cost::default());
    }
}
