//! A graphql-transport-ws client for the subscription tests, over a real WebSocket.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::harness::TestApp;

/// How long a test waits for a message it expects.
const PATIENCE: Duration = Duration::from_secs(10);

/// What arrived on the socket.
#[derive(Debug, PartialEq)]
pub enum Frame {
    Message(Value),
    /// The server closed with this code and reason.
    Closed(u16, String),
}

pub struct Ws {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// The `requestEvents` subscription, with what a test checks of each event.
pub const REQUEST_EVENTS: &str = "subscription Follow($area: ID!) {
    requestEvents(areaId: $area) { action fromStatus toStatus note request { id } }
}";

impl Ws {
    /// A socket to `app` speaking graphql-transport-ws (not yet initialised).
    pub async fn connect(app: &TestApp) -> Ws {
        let url = format!("ws://{}/graphql/ws", app.addr);
        let mut request = url.into_client_request().unwrap();
        request.headers_mut().insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        let (socket, response) = tokio_tungstenite::connect_async(request)
            .await
            .expect("WebSocket handshake");
        assert_eq!(
            response.headers().get("sec-websocket-protocol").unwrap(),
            "graphql-transport-ws"
        );
        Ws { socket }
    }

    /// A socket initialised with `token`; panics unless acknowledged.
    pub async fn signed_in(app: &TestApp, token: &str) -> Ws {
        let mut ws = Ws::connect(app).await;
        ws.send(json!({
            "type": "connection_init",
            "payload": { "Authorization": format!("Bearer {token}") },
        }))
        .await;
        assert_eq!(
            ws.next().await,
            Frame::Message(json!({ "type": "connection_ack" }))
        );
        ws
    }

    pub async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("message sent");
    }

    /// Subscribes `id` to the events under `area`.
    pub async fn follow(&mut self, id: &str, area: &str) {
        self.send(json!({
            "type": "subscribe",
            "id": id,
            "payload": { "query": REQUEST_EVENTS, "variables": { "area": area } },
        }))
        .await;
    }

    /// The next message or close, waiting at most [`PATIENCE`].
    pub async fn next(&mut self) -> Frame {
        self.next_within(PATIENCE)
            .await
            .expect("a message within the patience")
    }

    /// The next message or close within `wait`, or `None`.
    pub async fn next_within(&mut self, wait: Duration) -> Option<Frame> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let received = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .ok()?;
            match received {
                Some(Ok(Message::Text(text))) => {
                    return Some(Frame::Message(serde_json::from_str(&text).unwrap()));
                }
                Some(Ok(Message::Close(frame))) => {
                    let (code, reason) = frame
                        .map(|frame| (u16::from(frame.code), frame.reason.to_string()))
                        .unwrap_or((1005, String::new()));
                    return Some(Frame::Closed(code, reason));
                }
                Some(Ok(_)) => continue,
                Some(Err(err)) => panic!("WebSocket error: {err}"),
                None => return Some(Frame::Closed(1006, String::new())),
            }
        }
    }

    /// The payload of the next `next` message of `id`.
    pub async fn event(&mut self, id: &str) -> Value {
        match self.next().await {
            Frame::Message(message) if message["type"] == "next" && message["id"] == id => {
                message["payload"].clone()
            }
            other => panic!("expected `next` for {id}, got {other:?}"),
        }
    }

    /// The code the server closes with next (messages before it are skipped).
    pub async fn close_code(&mut self) -> u16 {
        loop {
            if let Frame::Closed(code, _) = self.next().await {
                return code;
            }
        }
    }
}

/// Waits until `app` has `count` live subscriptions: a subscription starts following
/// the bus only once the server has run its resolver, after `subscribe` arrived.
pub async fn live(app: &TestApp, count: usize) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while app.state.events.following() < count {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{count} subscriptions never went live"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
