//! The connection loop under the router: HTTP/1.1 with a deadline for reading request
//! headers, so a client that dribbles its headers (slowloris) is cut off instead of
//! holding a connection forever, and a graceful shutdown that lets every connection
//! finish the request it is serving.
//!
//! `axum::serve` would be shorter, but it gives hyper no timer, which silently turns
//! hyper's header-read timeout off.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// Serves `router` on `listener` until `stop` resolves; then stops accepting, asks every
/// open connection to close after its current request, and waits until all have.
pub async fn run(
    listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    // Every connection task holds a receiver: the sender's `closed()` tells when the last
    // one has finished.
    let (closing, watch_closing) = watch::channel(false);
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, remote) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: pause instead of spinning.
                    tracing::warn!(error = %err, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = router_for(router.clone(), remote);
        let watch_closing = watch_closing.clone();
        tokio::spawn(serve_connection(
            stream,
            service,
            header_read_timeout,
            watch_closing,
        ));
    }
    drop(listener);
    let _ = closing.send(true);
    drop(watch_closing);
    closing.closed().await;
}

/// The router as a hyper service, with the client's address in every request's
/// extensions (read by handlers as `Extension<ConnectInfo<SocketAddr>>`).
fn router_for(
    router: Router,
    remote: SocketAddr,
) -> impl hyper::service::Service<
    hyper::Request<Incoming>,
    Response = axum::response::Response,
    Error = Infallible,
    Future = impl Send + 'static,
> + Send
+ 'static {
    hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(remote));
        router.clone().oneshot(request)
    })
}

async fn serve_connection<S>(
    stream: tokio::net::TcpStream,
    service: S,
    header_read_timeout: Duration,
    mut closing: watch::Receiver<bool>,
) where
    S: hyper::service::Service<
            hyper::Request<Incoming>,
            Response = axum::response::Response,
            Error = Infallible,
        > + Send
        + 'static,
    S::Future: Send + 'static,
{
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .keep_alive(true);
    let connection = builder
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    let mut connection = std::pin::pin!(connection);
    let mut shutting_down = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(error = %err, "connection ended with an error");
                }
                break;
            }
            changed = closing.changed(), if !shutting_down => {
                shutting_down = true;
                if changed.is_ok() {
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}
