//! `/graphql/ws`: subscriptions (and queries) over the graphql-transport-ws protocol.
//!
//! Written against the protocol rather than async-graphql's own handler, which departs
//! from it where it matters here: it waits for `connection_init` forever and lets a
//! second `subscribe` with a live id silently replace the first. Here:
//! - the token comes in `connection_init` (`{"Authorization": "Bearer …"}`), never in
//!   the URL; a missing or bad one closes with 4403, a missing init after
//!   [`INIT_TIMEOUT`] with 4408, a second init with 4429;
//! - the socket closes (4403) when the token expires, and when its principal is
//!   disabled or signed out (heard through [`crate::events`]); a change of grants
//!   changes what the next events show, since subscriptions read the viewer anew;
//! - `subscribe` before the acknowledgement closes with 4401, with a live id with 4409,
//!   and anything unreadable with 4400;
//! - mutations are refused: they belong on `POST /graphql`, with idempotency keys;
//! - a shutdown closes every socket with 1001, so clients reconnect elsewhere.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::Duration;

use async_graphql::parser::types::OperationType;
use axum::Extension;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use futures_util::stream::{self, AbortHandle, BoxStream, SelectAll, StreamExt};
use serde_json::{Value, json};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

use super::transport::Incoming;
use super::{HttpState, persisted, reply};
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::auth::Session;
use crate::error::AppError;
use crate::events::Event;
use crate::graphql::RequestContext;

/// The sub-protocol spoken (graphql-ws's; the legacy `graphql-ws` one is not).
pub const PROTOCOL: &str = "graphql-transport-ws";

/// How long a new socket may take to send `connection_init`.
const INIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Operations one socket may run at once.
const MAX_OPERATIONS: usize = 32;

/// `GET /graphql/ws`: the upgrade, for clients that speak [`PROTOCOL`].
pub(super) async fn upgrade(
    State(state): State<HttpState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let offered = headers
        .get_all("sec-websocket-protocol")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|protocol| protocol.trim() == PROTOCOL);
    if !offered {
        let message = "WebSockets here speak the graphql-transport-ws sub-protocol";
        return reply::error(StatusCode::BAD_REQUEST, message, "BAD_REQUEST");
    }
    if state.draining.is_set() {
        return reply::unavailable("the server is shutting down", "SHUTTING_DOWN", 1);
    }
    let meta = RequestMeta {
        request_id: format!("ws-{}", uuid_like()),
        client_ip: connection.map(|Extension(ConnectInfo(addr))| addr.ip().to_string()),
        idempotency_key: None,
    };
    upgrade
        .protocols([PROTOCOL])
        .max_message_size(state.app.config.serving.max_body_bytes)
        .on_upgrade(move |socket| Socket::new(state, socket, meta).serve())
}

/// A close code of graphql-transport-ws and its reason.
struct Close(u16, String);

impl Close {
    fn new(code: u16, reason: impl Into<String>) -> Close {
        Close(code, reason.into())
    }
}

/// One subscription's responses, tagged with its id; `None` after the last.
type Outgoing = BoxStream<'static, (String, Option<async_graphql::Response>)>;

struct Operation {
    abort: AbortHandle,
    /// Nothing sent yet: a first response that failed before executing is an `error`.
    started: bool,
}

struct Socket {
    state: HttpState,
    socket: WebSocket,
    meta: RequestMeta,
    /// The bearer token and what it says, once `connection_init` was accepted.
    session: Option<(String, Session)>,
    viewer: watch::Sender<Viewer>,
    operations: HashMap<String, Operation>,
    outgoing: SelectAll<Outgoing>,
}

impl Socket {
    fn new(state: HttpState, socket: WebSocket, meta: RequestMeta) -> Socket {
        Socket {
            state,
            socket,
            meta,
            session: None,
            viewer: watch::Sender::new(Viewer::Anonymous),
            operations: HashMap::new(),
            outgoing: SelectAll::new(),
        }
    }

    async fn serve(mut self) {
        let open = self.state.open_sockets.clone();
        open.fetch_add(1, Ordering::Relaxed);
        let close = self.run().await;
        open.fetch_sub(1, Ordering::Relaxed);
        for operation in self.operations.values() {
            operation.abort.abort();
        }
        // 1006 is never sent: it stands for a connection that is already gone.
        if let Some(Close(code, reason)) = close.filter(|Close(code, _)| *code != 1006) {
            let frame = CloseFrame {
                code,
                reason: reason.into(),
            };
            let _ = self.socket.send(Message::Close(Some(frame))).await;
        }
    }

    /// Serves the socket until it must close: `Some` with the code to close with, or
    /// `None` when the client went away.
    async fn run(&mut self) -> Option<Close> {
        let init_deadline = tokio::time::sleep(INIT_TIMEOUT);
        let mut init_deadline = std::pin::pin!(init_deadline);
        let mut events = self.state.app.events.subscribe();
        let draining = self.state.draining.clone();
        let mut draining = std::pin::pin!(draining.wait());
        loop {
            let expiry = self.expiry();
            tokio::select! {
                received = self.socket.recv() => {
                    let message = match received {
                        Some(Ok(message)) => message,
                        Some(Err(_)) | None => return None,
                    };
                    match message {
                        Message::Text(text) => {
                            if let Err(close) = self.receive(text.as_str()).await {
                                return Some(close);
                            }
                        }
                        Message::Binary(_) => {
                            return Some(Close::new(4400, "Invalid message received"));
                        }
                        Message::Close(_) => return None,
                        // Protocol-level pings are answered by the WebSocket layer.
                        Message::Ping(_) | Message::Pong(_) => {}
                    }
                }
                Some((id, response)) = self.outgoing.next(), if !self.outgoing.is_empty() => {
                    if self.send_result(id, response).await.is_err() {
                        return None;
                    }
                }
                () = &mut init_deadline, if self.session.is_none() => {
                    return Some(Close::new(4408, "Connection initialisation timeout"));
                }
                () = expiry => return Some(Close::new(4403, "Forbidden: the token expired")),
                event = events.recv(), if self.session.is_some() => {
                    if let Err(close) = self.follow(event).await {
                        return Some(close);
                    }
                }
                () = &mut draining => return Some(Close::new(1001, "the server is shutting down")),
            }
        }
    }

    /// Resolves when the session's token expires (never before the handshake).
    fn expiry(&self) -> impl Future<Output = ()> + use<> {
        let left = self.session.as_ref().map(|(_, session)| {
            (session.expires_at - chrono::Utc::now())
                .to_std()
                .unwrap_or_default()
        });
        async move {
            match left {
                Some(left) => tokio::time::sleep(left).await,
                None => std::future::pending().await,
            }
        }
    }

    /// Re-reads the principal when an event says it may have changed.
    async fn follow(&mut self, event: Result<Event, RecvError>) -> Result<(), Close> {
        let Some((token, session)) = &self.session else {
            return Ok(());
        };
        let affected = match event {
            Ok(Event::PrincipalChanged { subject }) => subject == session.subject,
            Ok(Event::Resync) | Err(RecvError::Lagged(_)) => true,
            Ok(Event::RequestEvent { .. }) | Err(RecvError::Closed) => false,
        };
        if !affected {
            return Ok(());
        }
        match self.state.app.auth.reload_session(token).await {
            Ok(session) => {
                self.viewer
                    .send_replace(Viewer::Principal(session.principal.clone()));
                if let Some((_, current)) = &mut self.session {
                    *current = session;
                }
                Ok(())
            }
            Err(AppError::Unauthenticated) => {
                Err(Close::new(4403, "Forbidden: the token is no longer valid"))
            }
            // The database is away: keep the viewer as it was and look again at the
            // next event rather than dropping every subscriber of a healthy token.
            Err(err) => {
                tracing::warn!(error = %err, "re-reading a WebSocket's principal");
                Ok(())
            }
        }
    }

    async fn receive(&mut self, text: &str) -> Result<(), Close> {
        let invalid = || Close::new(4400, "Invalid message received");
        let message: Value = serde_json::from_str(text).map_err(|_| invalid())?;
        match message.get("type").and_then(Value::as_str) {
            Some("connection_init") => self.init(message.get("payload")).await,
            Some("ping") => {
                let mut pong = json!({ "type": "pong" });
                if let Some(payload) = message.get("payload") {
                    pong["payload"] = payload.clone();
                }
                self.send(pong).await
            }
            Some("pong") => Ok(()),
            Some("subscribe") => {
                let id = message
                    .get("id")
                    .and_then(Value::as_str)
                    .ok_or_else(invalid)?;
                let payload = message.get("payload").ok_or_else(invalid)?;
                self.subscribe(id.to_owned(), payload.clone()).await
            }
            Some("complete") => {
                let id = message
                    .get("id")
                    .and_then(Value::as_str)
                    .ok_or_else(invalid)?;
                if let Some(operation) = self.operations.remove(id) {
                    operation.abort.abort();
                }
                Ok(())
            }
            _ => Err(invalid()),
        }
    }

    async fn init(&mut self, payload: Option<&Value>) -> Result<(), Close> {
        if self.session.is_some() {
            return Err(Close::new(4429, "Too many initialisation requests"));
        }
        let forbidden = || Close::new(4403, "Forbidden");
        let token = payload
            .and_then(|payload| {
                ["Authorization", "authorization"]
                    .iter()
                    .find_map(|key| payload.get(*key))
            })
            .and_then(Value::as_str)
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim().to_owned())
            .filter(|token| !token.is_empty())
            .ok_or_else(forbidden)?;
        let session = match self.state.app.auth.session(&token).await {
            Ok(session) => session,
            Err(AppError::Unauthenticated) => return Err(forbidden()),
            Err(err) => {
                tracing::warn!(error = %err, "authenticating a WebSocket");
                return Err(Close::new(1011, "the server cannot check tokens now"));
            }
        };
        self.viewer
            .send_replace(Viewer::Principal(session.principal.clone()));
        self.session = Some((token, session));
        self.send(json!({ "type": "connection_ack" })).await
    }

    async fn subscribe(&mut self, id: String, payload: Value) -> Result<(), Close> {
        if self.session.is_none() {
            return Err(Close::new(4401, "Unauthorized"));
        }
        if self.operations.contains_key(&id) {
            return Err(Close::new(
                4409,
                format!("Subscriber for {id} already exists"),
            ));
        }
        if self.operations.len() >= MAX_OPERATIONS {
            let message = format!("at most {MAX_OPERATIONS} operations run at once on a socket");
            return self.refuse(&id, &message, "BAD_REQUEST").await;
        }
        let Ok(request) = serde_json::from_value::<async_graphql::Request>(payload) else {
            return self
                .refuse(&id, "the payload is not a GraphQL request", "BAD_REQUEST")
                .await;
        };
        let viewer = self.viewer.borrow().clone();
        let documents = &self.state.app.documents;
        let max_chars = self.state.app.config.serving.limits.max_chars;
        let incoming = Incoming::Single(Box::new(request));
        let request = match persisted::resolve(documents, &viewer, incoming, max_chars).await {
            Ok(Incoming::Single(request)) => *request,
            Ok(_) => return Err(Close::new(1011, "internal error")),
            Err(refused) => return self.forward_refusal(&id, refused).await,
        };
        if is_mutation(&request) {
            let message = "mutations are sent by POST to /graphql";
            return self.refuse(&id, message, "BAD_REQUEST").await;
        }
        let context = RequestContext::new(&self.state.app, viewer)
            .with_meta(self.meta.clone())
            .with_live_viewer(self.viewer.subscribe());
        let responses = self.state.executor.subscribe(request, context).await;
        let (responses, abort) = stream::abortable(responses);
        let tag = id.clone();
        let last = id.clone();
        let outgoing = responses
            .map(move |response| (tag.clone(), Some(response)))
            .chain(stream::once(async move { (last, None) }))
            .boxed();
        self.outgoing.push(outgoing);
        self.operations.insert(
            id,
            Operation {
                abort,
                started: false,
            },
        );
        Ok(())
    }

    /// Sends one response of operation `id` (`next` or `error`), or its `complete`.
    async fn send_result(
        &mut self,
        id: String,
        response: Option<async_graphql::Response>,
    ) -> Result<(), axum::Error> {
        let Some(operation) = self.operations.get_mut(&id) else {
            // Completed by the client meanwhile: it wants nothing more.
            return Ok(());
        };
        let Some(response) = response else {
            self.operations.remove(&id);
            return self.send_raw(json!({ "type": "complete", "id": id })).await;
        };
        let first = !std::mem::replace(&mut operation.started, true);
        if first && response.data == async_graphql::Value::Null && !response.errors.is_empty() {
            // It never ran (invalid, over a limit, refused at its root): an `error`
            // ends the operation without `complete`.
            if let Some(operation) = self.operations.remove(&id) {
                operation.abort.abort();
            }
            let errors = json!(response.errors);
            return self
                .send_raw(json!({ "type": "error", "id": id, "payload": errors }))
                .await;
        }
        let payload = json!(response);
        self.send_raw(json!({ "type": "next", "id": id, "payload": payload }))
            .await
    }

    /// An `error` for an operation refused before it started.
    async fn refuse(&mut self, id: &str, message: &str, code: &str) -> Result<(), Close> {
        let errors = json!([{ "message": message, "extensions": { "code": code } }]);
        self.send(json!({ "type": "error", "id": id, "payload": errors }))
            .await
    }

    /// The errors of an HTTP refusal (untrusted document, unknown persisted query) as
    /// the operation's `error`.
    async fn forward_refusal(&mut self, id: &str, refused: Response) -> Result<(), Close> {
        let body = axum::body::to_bytes(refused.into_body(), 64 * 1024).await;
        let errors = body
            .ok()
            .and_then(|body| serde_json::from_slice::<Value>(&body).ok())
            .and_then(|body| body.get("errors").cloned());
        match errors {
            Some(errors) => {
                self.send(json!({ "type": "error", "id": id, "payload": errors }))
                    .await
            }
            None => {
                self.refuse(id, "the request was refused", "BAD_REQUEST")
                    .await
            }
        }
    }

    async fn send(&mut self, message: Value) -> Result<(), Close> {
        // A socket that cannot be written to is gone: close quietly.
        self.send_raw(message)
            .await
            .map_err(|_| Close::new(1006, "gone"))
    }

    async fn send_raw(&mut self, message: Value) -> Result<(), axum::Error> {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
    }
}

/// Whether the operation `request` would run is a mutation (unparsable documents are
/// left for execution to refuse).
fn is_mutation(request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let name = request.operation_name.as_deref();
    document
        .operations
        .iter()
        .any(|(operation_name, operation)| {
            let selected = match (name, operation_name) {
                (Some(wanted), Some(found)) => wanted == found.as_str(),
                (None, _) => true,
                (Some(_), None) => false,
            };
            selected && operation.node.ty == OperationType::Mutation
        })
}

/// A request id for a socket (its operations' audit rows carry it).
fn uuid_like() -> String {
    let mut bytes = [0u8; 8];
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
