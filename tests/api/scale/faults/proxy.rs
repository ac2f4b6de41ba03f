//! A TCP proxy on loopback in front of PostgreSQL that a test can cut (every connection
//! closed, the port refusing) and restore (listening on the same port again).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct Proxy {
    pub addr: SocketAddr,
    target: SocketAddr,
    /// Bumped on every cut: connections and the accept loop of an older generation end.
    generation: watch::Sender<u64>,
    accepting: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Proxy {
    /// A proxy to `target` on a free loopback port.
    pub async fn start(target: SocketAddr) -> Arc<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::serve(listener, target)
    }

    /// A proxy to `target` on `addr` (which nobody listens on yet).
    pub async fn start_on(addr: SocketAddr, target: SocketAddr) -> Arc<Self> {
        let listener = TcpListener::bind(addr).await.unwrap();
        Self::serve(listener, target)
    }

    fn serve(listener: TcpListener, target: SocketAddr) -> Arc<Self> {
        let (generation, _) = watch::channel(0);
        let proxy = Arc::new(Self {
            addr: listener.local_addr().unwrap(),
            target,
            generation,
            accepting: Mutex::new(None),
        });
        proxy.accept_on(listener);
        proxy
    }

    fn accept_on(self: &Arc<Self>, listener: TcpListener) {
        let target = self.target;
        let mut cut = self.generation.subscribe();
        let task = tokio::spawn(async move {
            loop {
                let client = tokio::select! {
                    _ = cut.changed() => return,
                    accepted = listener.accept() => match accepted {
                        Ok((client, _)) => client,
                        Err(_) => continue,
                    },
                };
                let mut cut = cut.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(target).await else {
                        return;
                    };
                    let mut client = client;
                    tokio::select! {
                        _ = cut.changed() => {},
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {},
                    }
                });
            }
        });
        *self.accepting.lock().unwrap() = Some(task);
    }

    /// Close every connection and stop listening: the database is gone.
    pub async fn cut(&self) {
        self.generation.send_modify(|g| *g += 1);
        let task = self.accepting.lock().unwrap().take();
        if let Some(task) = task {
            task.await.ok();
        }
    }

    /// Listen again on the same port.
    pub async fn restore(self: &Arc<Self>) {
        let listener = TcpListener::bind(self.addr).await.unwrap();
        self.accept_on(listener);
    }
}

/// Where PostgreSQL listens, from `TEST_DATABASE_URL`.
pub fn postgres_addr() -> SocketAddr {
    let url = std::env::var("TEST_DATABASE_URL").unwrap();
    let authority = url.split("://").nth(1).unwrap();
    let hostport = authority
        .rsplit('@')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    let hostport = if hostport.contains(':') {
        hostport.to_owned()
    } else {
        format!("{hostport}:5432")
    };
    let hostport = hostport.replace("localhost", "127.0.0.1");
    hostport.parse().unwrap()
}

/// `url` (a PostgreSQL URL) pointed at `addr` instead.
pub fn via(url: &str, addr: SocketAddr) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (user, rest) = rest.rsplit_once('@').map_or(("", rest), |(u, r)| (u, r));
    let path = rest.split_once('/').map_or("", |(_, path)| path);
    let user = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    format!("{scheme}://{user}{addr}/{path}")
}
