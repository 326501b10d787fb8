//! The local Zoho's network side: HTTPS on loopback with a certificate made at
//! start-up for the nine real accounts host names. Stops when dropped.

use crate::http::{chunk, read_request, LAST_CHUNK};
use crate::zoho::{served_hosts, Outcome, World};
use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io::Write;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub struct LocalZoho {
    world: Arc<Mutex<World>>,
    stopping: Arc<AtomicBool>,
    addresses: Vec<SocketAddr>,
    acceptors: Vec<JoinHandle<()>>,
}

impl LocalZoho {
    /// Starts serving on `port` of 127.0.0.1 (and ::1 where available).
    /// Firefox can only be pointed at port 443 (it resolves the names to loopback).
    pub fn start(port: u16) -> Result<LocalZoho> {
        let tls = Arc::new(tls_config()?);
        let world = Arc::new(Mutex::new(World::default()));
        let stopping = Arc::new(AtomicBool::new(false));
        let mut server = LocalZoho {
            world,
            stopping,
            addresses: Vec::new(),
            acceptors: Vec::new(),
        };
        let v4 = TcpListener::bind(("127.0.0.1", port)).with_context(|| {
            format!("binding 127.0.0.1:{port} for the local Zoho (port 443 needs root)")
        })?;
        let port = v4.local_addr()?.port();
        let mut listeners = vec![v4];
        if let Ok(v6) = TcpListener::bind(("::1", port)) {
            listeners.push(v6);
        }
        for listener in listeners {
            server.addresses.push(listener.local_addr()?);
            let (world, stopping, tls) =
                (server.world.clone(), server.stopping.clone(), tls.clone());
            server.acceptors.push(thread::spawn(move || {
                accept_loop(listener, world, stopping, tls)
            }));
        }
        Ok(server)
    }

    pub fn port(&self) -> u16 {
        self.addresses[0].port()
    }

    /// The simulated Zoho's state, to read or to change its switches.
    pub fn world(&self) -> MutexGuard<'_, World> {
        // A panicking handler thread must not make every later test fail too.
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Back to a fresh Zoho: default switches, no sessions, no tokens, empty log.
    pub fn reset(&self) {
        *self.world() = World::default();
    }
}

impl Drop for LocalZoho {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        for address in &self.addresses {
            // Wake the blocking accept so the thread sees the flag.
            let _ = TcpStream::connect_timeout(address, Duration::from_millis(200));
        }
        for acceptor in self.acceptors.drain(..) {
            let _ = acceptor.join();
        }
    }
}

fn tls_config() -> Result<ServerConfig> {
    let names = served_hosts();
    let certified = rcgen::generate_simple_self_signed(names).context("making a certificate")?;
    let cert = CertificateDer::from(certified.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)?;
    Ok(config)
}

fn accept_loop(
    listener: TcpListener,
    world: Arc<Mutex<World>>,
    stopping: Arc<AtomicBool>,
    tls: Arc<ServerConfig>,
) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let (world, stopping, tls) = (world.clone(), stopping.clone(), tls.clone());
        thread::spawn(move || {
            let _ = serve(stream, &world, &stopping, tls);
        });
    }
}

fn serve(
    stream: TcpStream,
    world: &Mutex<World>,
    stopping: &AtomicBool,
    tls: Arc<ServerConfig>,
) -> Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let connection = ServerConnection::new(tls)?;
    let mut tls_stream = StreamOwned::new(connection, stream);
    // Browsers may open a connection and never use it: that is not an error.
    let Some(request) = read_request(&mut tls_stream)? else {
        return Ok(());
    };
    let outcome = world
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .handle(&request);
    let response = match outcome {
        Outcome::Answer(response) => response,
        Outcome::Delayed(delay, response) => {
            let until = Instant::now() + delay;
            // In short steps, so a stopping server does not wait out a long delay.
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                if stopping.load(Ordering::SeqCst) {
                    return Ok(());
                }
                thread::sleep(left.min(Duration::from_millis(50)));
            }
            response
        }
        Outcome::Drop => {
            let _ = tls_stream.sock.shutdown(Shutdown::Both);
            return Ok(());
        }
        Outcome::Endless { gzip } => {
            let sent = write_endless(&mut tls_stream, gzip, stopping);
            world
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .endless_bytes_sent = sent;
            let _ = tls_stream.sock.shutdown(Shutdown::Both);
            return Ok(());
        }
    };
    response.write_to(&mut tls_stream)?;
    tls_stream.conn.send_close_notify();
    let _ = tls_stream.conn.complete_io(&mut tls_stream.sock);
    let _ = tls_stream.sock.shutdown(Shutdown::Write);
    Ok(())
}

/// The most an endless answer sends, so a client that reads it all still ends.
const ENDLESS_LIMIT: usize = 128 << 20;

/// Writes a chunked body of text lines (hard to compress, as a page would be) until
/// the client stops reading, the server stops or [`ENDLESS_LIMIT`] is reached.
/// Returns the body bytes written, counted before compression.
fn write_endless(out: &mut impl Write, gzip: bool, stopping: &AtomicBool) -> usize {
    let encoding = if gzip {
        "Content-Encoding: gzip\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=UTF-8\r\n{encoding}\
         Transfer-Encoding: chunked\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    );
    if out.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    let mut line = 0u64;
    let mut sent = 0;
    while sent < ENDLESS_LIMIT && !stopping.load(Ordering::SeqCst) {
        let mut text = String::with_capacity(16 * 1024);
        while text.len() < 16 * 1024 {
            line += 1;
            let noise = line.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            text.push_str(&format!(
                "#{line} {noise:016x}{:016x}\n",
                noise.rotate_left(17)
            ));
        }
        let piece = if gzip {
            if encoder
                .write_all(text.as_bytes())
                .and_then(|()| encoder.flush())
                .is_err()
            {
                return sent;
            }
            std::mem::take(encoder.get_mut())
        } else {
            text.clone().into_bytes()
        };
        if out
            .write_all(&chunk(&piece))
            .and_then(|()| out.flush())
            .is_err()
        {
            return sent;
        }
        sent += text.len();
    }
    let _ = out.write_all(LAST_CHUNK);
    sent
}
