//! The payloads of the request mutations.

use async_graphql::SimpleObject;

use super::{Request, RequestEvent};
use crate::service::requests::Changed;

/// Declares the payloads: the request after the change and the event it wrote.
macro_rules! payloads {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(SimpleObject)]
        pub struct $name {
            /// The request after the change.
            pub request: Request,
            /// The event the change wrote.
            pub event: RequestEvent,
        }

        impl From<Changed> for $name {
            fn from(changed: Changed) -> Self {
                $name {
                    request: Request(changed.request),
                    event: RequestEvent(changed.event),
                }
            }
        }
    )+};
}

payloads!(
    /// The submitted request.
    SubmitRequestPayload,
    /// The accepted request.
    AcceptRequestPayload,
    /// The rejected request.
    RejectRequestPayload,
    /// The merged request.
    MergeRequestPayload,
    /// The assigned request.
    AssignRequestPayload,
    /// The signed request.
    SignRequestPayload,
    /// The started request.
    StartRequestPayload,
    /// The resolved request.
    ResolveRequestPayload,
    /// The request after the verification step.
    VerifyRequestPayload,
    /// The request after its evaluation.
    EvaluateRequestPayload,
    /// The escalated request.
    EscalateRequestPayload,
    /// The returned request.
    ReturnRequestPayload,
    /// The request the extension was asked for.
    RequestExtensionPayload,
    /// The request after the decision.
    DecideExtensionPayload,
    /// The resumed request.
    ResumeRequestPayload,
    /// The supervised request.
    SuperviseRequestPayload,
);
