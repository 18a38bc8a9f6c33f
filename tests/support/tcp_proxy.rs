//! A TCP proxy in front of PostgreSQL that a test can cut and restore, to take the database
//! away from the bot the way a restart or a network cut does.

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

#[derive(Default)]
struct State {
    cut: AtomicBool,
    links: Mutex<Vec<AbortHandle>>,
}

#[derive(Clone)]
pub struct TcpProxy {
    pub addr: SocketAddr,
    state: Arc<State>,
}

impl TcpProxy {
    pub async fn start(upstream: SocketAddr) -> TcpProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().expect("proxy address");
        let state = Arc::new(State::default());
        let st = state.clone();
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if st.cut.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let link = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                st.links
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(link.abort_handle());
            }
        });
        TcpProxy { addr, state }
    }

    /// A proxy in front of the PostgreSQL server of `database_url`, and the same URL through it.
    pub async fn in_front_of_database(database_url: &str) -> (TcpProxy, String) {
        let options = sqlx::postgres::PgConnectOptions::from_str(database_url).expect("a URL");
        let upstream = format!("{}:{}", options.get_host(), options.get_port());
        let upstream = tokio::net::lookup_host(upstream)
            .await
            .expect("the database's address")
            .next()
            .expect("an address");
        let proxy = TcpProxy::start(upstream).await;
        let mut url = reqwest::Url::parse(database_url).expect("a URL");
        url.set_host(Some("127.0.0.1")).expect("a host");
        url.set_port(Some(proxy.addr.port())).expect("a port");
        (proxy, url.to_string())
    }

    /// Closes every open connection and refuses new ones.
    pub fn cut(&self) {
        self.state.cut.store(true, Ordering::SeqCst);
        for link in self
            .state
            .links
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain(..)
        {
            link.abort();
        }
    }

    /// Lets connections through again.
    pub fn restore(&self) {
        self.state.cut.store(false, Ordering::SeqCst);
    }
}
