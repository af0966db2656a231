//! A TCP fault proxy between the bot and PostgreSQL, as Toxiproxy is: it passes bytes both ways
//! until told to delay them, freeze (hold every byte, connections left open, as a stopped server
//! does), cut (close every connection and refuse new ones, as a killed server or a cut network
//! does) or restore. The tests play database faults through it without touching the shared
//! server.
//!
//! It runs on a thread and a runtime of its own, so a sync test and an async one use it alike.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// What the proxy does with the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Passes them on at once.
    Pass,
    /// Passes each chunk on after this long.
    Delay(Duration),
    /// Holds them (and new connections) until the mode changes.
    Freeze,
    /// Closes every connection and every new one.
    Cut,
}

/// The proxy; stopped (every connection closed) when dropped.
pub struct FaultProxy {
    addr: SocketAddr,
    mode: watch::Sender<(Mode, u64)>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// How many connections it has accepted.
    accepted: Arc<Mutex<u64>>,
}

impl FaultProxy {
    /// Starts a proxy on an OS-picked local port, forwarding to `upstream`.
    pub fn start(upstream: SocketAddr) -> FaultProxy {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("the proxy binds a port");
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        // The mode, and a generation that a cut advances: connections of an older one close.
        let (mode, modes) = watch::channel((Mode::Pass, 0u64));
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let accepted = Arc::new(Mutex::new(0));
        let counted = Arc::clone(&accepted);
        let thread = std::thread::Builder::new()
            .name("fault-proxy".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).unwrap();
                    let serve = async {
                        loop {
                            let Ok((client, _)) = listener.accept().await else {
                                continue;
                            };
                            *counted.lock().unwrap() += 1;
                            tokio::spawn(connection(client, upstream, modes.clone()));
                        }
                    };
                    tokio::select! {
                        _ = serve => {}
                        _ = stopped => {}
                    }
                });
            })
            .expect("the proxy thread starts");
        FaultProxy {
            addr,
            mode,
            stop: Some(stop),
            thread: Some(thread),
            accepted,
        }
    }

    /// The proxy's address (127.0.0.1 and its port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `url` (a postgres:// URL) with its host and port replaced by the proxy's.
    pub fn url(&self, url: &str) -> String {
        let (scheme, rest) = url.split_once("://").expect("a URL");
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let user = authority.rsplit_once('@').map(|(user, _)| format!("{user}@"));
        format!("{scheme}://{}{}{path}", user.unwrap_or_default(), self.addr)
    }

    /// The upstream address of a postgres:// URL (its host and port, 5432 by default).
    pub fn upstream_of(url: &str) -> SocketAddr {
        use std::net::ToSocketAddrs;
        let rest = url.split_once("://").expect("a URL").1;
        let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        let host = if host.contains(':') {
            host.to_owned()
        } else {
            format!("{host}:5432")
        };
        host.to_socket_addrs().unwrap().next().expect("the host resolves")
    }

    pub fn set(&self, mode: Mode) {
        self.mode.send_modify(|(current, generation)| {
            if mode == Mode::Cut {
                *generation += 1;
            }
            *current = mode;
        });
    }

    pub fn delay(&self, by: Duration) {
        self.set(Mode::Delay(by));
    }

    pub fn freeze(&self) {
        self.set(Mode::Freeze);
    }

    pub fn cut(&self) {
        self.set(Mode::Cut);
    }

    pub fn restore(&self) {
        self.set(Mode::Pass);
    }

    /// How many connections it has accepted so far.
    pub fn accepted(&self) -> u64 {
        *self.accepted.lock().unwrap()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.set(Mode::Cut);
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One client's connection: closed at once while cut, else joined to the upstream and pumped both
/// ways until either side closes or a cut comes.
async fn connection(client: TcpStream, upstream: SocketAddr, mut modes: watch::Receiver<(Mode, u64)>) {
    let born = modes.borrow().1;
    // A new connection waits out a freeze (as a stopped server's backlog does), and is closed
    // during a cut.
    loop {
        let (mode, _) = *modes.borrow_and_update();
        match mode {
            Mode::Cut => return,
            Mode::Freeze => {
                if modes.changed().await.is_err() {
                    return;
                }
            }
            _ => break,
        }
    }
    let born = born.max(modes.borrow().1);
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    tokio::select! {
        _ = pump(client_read, server_write, modes.clone(), born) => {}
        _ = pump(server_read, client_write, modes.clone(), born) => {}
    }
}

/// Copies `from` to `to` chunk by chunk, each chunk as the mode says; returns (closing both) on
/// end of stream, an error, or a cut after the connection was made.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mut modes: watch::Receiver<(Mode, u64)>,
    born: u64,
) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let read = tokio::select! {
            read = from.read(&mut buf) => read,
            cut = wait_cut(&mut modes, born) => {
                let () = cut;
                return;
            }
        };
        let n = match read {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        // Hold the chunk while frozen; wait out a delay; drop everything on a cut.
        loop {
            let (mode, generation) = *modes.borrow_and_update();
            if generation != born || mode == Mode::Cut {
                return;
            }
            match mode {
                Mode::Freeze => {
                    if modes.changed().await.is_err() {
                        return;
                    }
                }
                Mode::Delay(by) => {
                    tokio::time::sleep(by).await;
                    break;
                }
                _ => break,
            }
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
    }
}

/// Completes when a cut comes after the connection of generation `born` was made.
async fn wait_cut(modes: &mut watch::Receiver<(Mode, u64)>, born: u64) {
    loop {
        {
            let (mode, generation) = *modes.borrow_and_update();
            if generation != born || mode == Mode::Cut {
                return;
            }
        }
        if modes.changed().await.is_err() {
            return std::future::pending().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FaultProxy;

    #[test]
    fn urls_are_pointed_at_the_proxy_keeping_user_database_and_options() {
        let proxy = FaultProxy::start("127.0.0.1:9".parse().unwrap());
        let port = proxy.addr().port();
        assert_eq!(
            proxy.url("postgres://postgres@127.0.0.1:5432/test?options=-cx%3Dy"),
            format!("postgres://postgres@127.0.0.1:{port}/test?options=-cx%3Dy")
        );
        assert_eq!(
            FaultProxy::upstream_of("postgres://a:b@127.0.0.1/test"),
            "127.0.0.1:5432".parse().unwrap()
        );
    }
}
