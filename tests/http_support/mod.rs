//! A small HTTP/1.1 server for tests, on 127.0.0.1 only: each path answers
//! as the test scripts it (status, headers, body, a delay, a redirect, an
//! endless body, a gzip bomb), and every request it got is recorded so a
//! test can see what barg sent (`If-None-Match`, `User-Agent`).
//!
//! ```ignore
//! let server = Server::start();
//! server.serve("/feed.xml", Reply::ok("<rss/>").header("ETag", "\"v1\""));
//! server.route("/page", |request| if request.header("if-none-match").is_some() {
//!     Reply::status(304)
//! } else {
//!     Reply::ok("…")
//! });
//! let url = server.url("/feed.xml");
//! ```
//!
//! Every answer closes its connection; a path nobody scripted is a 404.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server read it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent: `/news?id=1`.
    pub path: String,
    /// Header names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first header of that name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug)]
enum Payload {
    Bytes(Vec<u8>),
    /// Zeros with no Content-Length until the client hangs up.
    Endless,
}

/// How a path answers.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    payload: Payload,
    delay: Duration,
}

impl Reply {
    /// 200 with `body` and its Content-Length.
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            payload: Payload::Bytes(body.into()),
            delay: Duration::ZERO,
        }
    }

    /// `code` with an empty body.
    pub fn status(code: u16) -> Reply {
        Reply {
            status: code,
            ..Reply::ok("")
        }
    }

    /// A 302 to `location` (relative or absolute, sent as is).
    pub fn redirect(location: &str) -> Reply {
        Reply::status(302).header("Location", location)
    }

    /// A 200 whose body never ends (no Content-Length, zeros until the
    /// client hangs up).
    pub fn endless() -> Reply {
        Reply {
            payload: Payload::Endless,
            ..Reply::ok("")
        }
    }

    /// `body` gzip-compressed, with `Content-Encoding: gzip`.
    pub fn gzip(body: &[u8]) -> Reply {
        use flate2::write::GzEncoder;
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(body).expect("gzip in memory");
        let compressed = encoder.finish().expect("gzip in memory");
        Reply::ok(compressed).header("Content-Encoding", "gzip")
    }

    /// A gzip body of `inflated` zero bytes: about a thousandth of that on
    /// the wire, all of it once inflated.
    pub fn gzip_bomb(inflated: usize) -> Reply {
        use flate2::write::GzEncoder;
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![0u8; 1 << 16];
        let mut left = inflated;
        while left > 0 {
            let n = left.min(block.len());
            encoder.write_all(&block[..n]).expect("gzip in memory");
            left -= n;
        }
        let compressed = encoder.finish().expect("gzip in memory");
        Reply::ok(compressed)
            .header("Content-Encoding", "gzip")
            .header("Content-Type", "text/html")
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Wait this long before answering at all.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Route = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// The server; it stops accepting when dropped.
pub struct Server {
    address: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .finish()
    }
}

impl Server {
    /// Listen on 127.0.0.1 at a port the system picks.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let address = listener.local_addr().expect("the port");
        let server = Server {
            address,
            routes: Arc::default(),
            requests: Arc::default(),
            stop: Arc::default(),
        };
        let routes = Arc::clone(&server.routes);
        let requests = Arc::clone(&server.requests);
        let stop = Arc::clone(&server.stop);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let routes = Arc::clone(&routes);
                let requests = Arc::clone(&requests);
                std::thread::spawn(move || answer(stream, &routes, &requests));
            }
        });
        server
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// `path` (without its query) always answers `reply`.
    pub fn serve(&self, path: &str, reply: Reply) {
        self.route(path, move |_| reply.clone());
    }

    /// `path` (without its query) answers what `script` makes of the request.
    pub fn route(&self, path: &str, script: impl Fn(&Request) -> Reply + Send + Sync + 'static) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), Arc::new(script));
    }

    /// Every request so far, in the order they arrived.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }

    /// The requests for `path` (without its query).
    pub fn requests_for(&self, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.path.split('?').next() == Some(path))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

fn answer(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    requests: &Mutex<Vec<Request>>,
) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    if let Ok(mut all) = requests.lock() {
        all.push(request.clone());
    }
    let path = request.path.split('?').next().unwrap_or("").to_string();
    let route = routes.lock().ok().and_then(|r| r.get(&path).cloned());
    let reply = match route {
        Some(script) => script(&request),
        None => Reply::status(404),
    };
    std::thread::sleep(reply.delay);
    let _ = write_reply(stream, &reply);
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Some(Request {
        method,
        path,
        headers,
    })
}

fn write_reply(mut stream: TcpStream, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} Scripted\r\nConnection: close\r\n",
        reply.status
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match &reply.payload {
        Payload::Bytes(body) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            stream.write_all(head.as_bytes())?;
            stream.write_all(body)?;
        }
        Payload::Endless => {
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            let block = vec![b'0'; 1 << 16];
            loop {
                stream.write_all(&block)?;
            }
        }
    }
    stream.flush()
}
