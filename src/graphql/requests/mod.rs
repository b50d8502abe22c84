//! Residents' requests (诉求) in the API: the `Request` and `RequestEvent` nodes,
//! categories, the root list with its filters, and the lifecycle mutations.

mod category;
mod enums;
mod event;
mod filters;
mod inputs;
mod mutations;
mod payloads;
mod queries;
mod request;
mod subscription;
mod supervision;
mod supervision_mutations;

pub use enums::Urgency;
pub use enums::{Channel, HandlingLevel, RequestStatus};
pub use event::RequestEvent;
pub use filters::RequestFilter;
pub use mutations::RequestsMutation;
pub use queries::RequestsQuery;
pub use request::Request;
pub use subscription::RequestsSubscription;
pub use supervision::{RequestExtension, RequestSupervision};
pub use supervision_mutations::SupervisionMutation;
