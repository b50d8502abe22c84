//! Slow clients (slowloris): a connection that never finishes its request headers is
//! closed after `HEADER_READ_TIMEOUT_SECS`, while a prompt client is served.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{Fixture, TestApp};

#[tokio::test]
async fn a_client_that_dribbles_its_headers_is_cut_off_and_others_are_served() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("HEADER_READ_TIMEOUT_SECS", "1")]).await;
    let mut slow = TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"POST /graphql HTTP/1.1\r\nHost: hub\r\n")
        .await
        .unwrap();
    let started = Instant::now();

    // While the slow one hangs, a prompt request is served.
    let ok = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(ok.status().as_u16(), 200);

    // The server closes the slow connection (hyper may first answer 408).
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the slow connection was never closed");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "closed too early: {waited:?}"
    );
    let answer = String::from_utf8_lossy(&rest);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}
