//! Identity on the graph: signing in and out (`login`, `refreshToken`, `logout`,
//! `clientToken`), who am I (`me`), and managing accounts (`revokeSessions`,
//! `setUserStatus`). Resolvers call [`crate::auth`]; the decisions live there.

mod accounts;
mod me;
mod sign_in;

use async_graphql::MergedObject;

pub use me::IdentityQuery;

/// Identity mutations.
#[derive(MergedObject, Default)]
pub struct IdentityMutation(sign_in::SignInMutation, accounts::AccountMutation);
