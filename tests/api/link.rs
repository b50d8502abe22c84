//! A TCP proxy between the hub and its database that a test can cut and restore: the
//! database "goes away" (every open connection dropped, new ones refused) without
//! stopping the PostgreSQL server that other tests share.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::copy_bidirectional;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct Link {
    pub addr: SocketAddr,
    up: Arc<watch::Sender<bool>>,
}

impl Link {
    /// A link to `target`, up or down from the start.
    pub async fn to(target: SocketAddr, up: bool) -> Link {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (state, _) = watch::channel(up);
        let state = Arc::new(state);
        let watched = state.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let up = watched.subscribe();
                if !*up.borrow() {
                    // Down: the connection is closed at once, like a refused one.
                    drop(client);
                    continue;
                }
                tokio::spawn(relay(client, target, up));
            }
        });
        Link { addr, up: state }
    }

    /// Drops every open connection and refuses new ones.
    pub fn cut(&self) {
        self.up.send_replace(false);
    }

    pub fn restore(&self) {
        self.up.send_replace(true);
    }
}

async fn relay(mut client: TcpStream, target: SocketAddr, mut up: watch::Receiver<bool>) {
    let Ok(mut server) = TcpStream::connect(target).await else {
        return;
    };
    tokio::select! {
        _ = copy_bidirectional(&mut client, &mut server) => {}
        _ = up.wait_for(|up| !*up) => {}
    }
}

/// The host and port of a `postgres://user@host:port/db` URL.
pub fn postgres_addr(url: &str) -> SocketAddr {
    let rest = url.split_once("://").expect("a URL").1;
    let authority = rest.split('/').next().unwrap();
    let host_port = authority.rsplit('@').next().unwrap();
    let host_port = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    let host_port = host_port.replace("localhost", "127.0.0.1");
    host_port.parse().expect("an IP address and port")
}

/// `url` with its host and port replaced by `addr`.
pub fn via(url: &str, addr: SocketAddr) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path) = rest.split_once('/').unwrap();
    let user = authority
        .rsplit_once('@')
        .map(|(user, _)| format!("{user}@"))
        .unwrap_or_default();
    format!("{scheme}://{user}{addr}/{path}")
}
