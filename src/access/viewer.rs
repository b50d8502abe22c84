//! Who is asking, and what part of the territory that lets them see.

/// The party a request acts for.
///
/// Until identity lands (accounts, tokens, grants), every request runs as
/// [`Viewer::Unrestricted`]; the variants for users and API clients slot in here and
/// every query picks them up through [`Viewer::scope`].
#[derive(Clone, Debug)]
pub enum Viewer {
    /// Trusted internal caller (CLI, seeding, and all requests before identity lands).
    Unrestricted,
    /// A viewer bound to areas, identified by their materialised paths.
    Areas(Vec<String>),
}

/// The rows a viewer may see, as a set of territory subtrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Everything,
    Nothing,
    Areas(Vec<String>),
}

impl Viewer {
    pub fn scope(&self) -> Scope {
        match self {
            Viewer::Unrestricted => Scope::Everything,
            Viewer::Areas(paths) if paths.is_empty() => Scope::Nothing,
            Viewer::Areas(paths) => Scope::Areas(paths.clone()),
        }
    }
}
