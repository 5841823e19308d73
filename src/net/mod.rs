//! Fetching pages and feeds over HTTP(S): one blocking request at a time
//! ([`fetch`]) or many on a bounded set of threads ([`fetch_all`]).
//!
//! What a server sends is refused rather than trusted: only `http` and
//! `https`, redirects followed by hand (capped, a loop named), the body
//! capped while it is read (after gzip inflation, so a gzip bomb stops at
//! the cap), a total timeout. TLS is rustls with the webpki roots; no
//! cookies are kept. Proxies: ureq's own reading of `HTTPS_PROXY`,
//! `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (upper or lower case), except
//! that loopback hosts (`localhost`, 127.0.0.0/8, `[::1]`) are always
//! reached directly.
//!
//! Every error is one line naming the URL, its control characters made
//! visible (a URL from a feed may carry any).

mod parallel;
pub mod url;

use std::time::{Duration, Instant};

pub use parallel::fetch_all;

use crate::error::{Error, Result};
use crate::safe;

/// What barg calls itself to servers.
pub const USER_AGENT: &str = concat!("barg/", env!("CARGO_PKG_VERSION"));

/// The `Accept` header for a web page.
pub const ACCEPT_PAGE: &str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

/// The `Accept` header for a feed (RSS, Atom, JSON Feed) or OPML.
pub const ACCEPT_FEED: &str = "application/rss+xml,application/atom+xml,application/feed+json,\
application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/html;q=0.5,*/*;q=0.3";

/// How to fetch: limits and the validators of a copy already held.
#[derive(Clone, Debug)]
pub struct Fetch {
    /// The whole exchange, redirects and body included.
    pub timeout: Duration,
    /// Setting up one connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    /// The body's size after decompression; more is refused.
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
    pub accept: &'static str,
}

impl Fetch {
    /// For a web page: 20 MB, 20 s, 5 redirects.
    pub fn page() -> Fetch {
        Fetch {
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            etag: None,
            last_modified: None,
            accept: ACCEPT_PAGE,
        }
    }

    /// For a feed: as a page, but up to 50 MB.
    pub fn feed() -> Fetch {
        Fetch {
            max_bytes: 50 * 1024 * 1024,
            accept: ACCEPT_FEED,
            ..Fetch::page()
        }
    }
}

impl Default for Fetch {
    fn default() -> Fetch {
        Fetch::page()
    }
}

/// What a fetch brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The URL after redirects, normalized (see [`url::normalize`]).
    pub final_url: String,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// A 2xx answer with its body.
    Fresh(Body),
    /// 304: the copy whose validators were sent is still current.
    NotModified,
}

/// A response body and what the headers said about it. The header values
/// are visible ASCII (ureq refuses anything else), the body is the server's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    pub bytes: Vec<u8>,
    /// The media type without parameters, lower case: `text/html`.
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, as sent: `windows-1256`.
    pub charset: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Whether a body of this media type can hold a page or a feed: text, XML,
/// JSON, or unknown (none, `application/octet-stream`), which the caller
/// sniffs. A PDF, an image, audio, video or an archive cannot.
pub fn is_textual(content_type: Option<&str>) -> bool {
    let Some(media) = content_type else {
        return true;
    };
    let media = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media.is_empty()
        || media == "application/octet-stream"
        || media.starts_with("text/")
        || media.ends_with("/xml")
        || media.ends_with("+xml")
        || media.ends_with("/json")
        || media.ends_with("+json")
}

/// Fetch `url`, following redirects, within the limits of `opts`.
pub fn fetch(url: &str, opts: &Fetch) -> Result<Fetched> {
    fetch_with(&agent(opts), url, opts)
}

/// The client: redirects, status errors and cookies are barg's business.
pub(crate) fn agent(opts: &Fetch) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(USER_AGENT)
        .accept(opts.accept)
        .timeout_connect(Some(opts.connect_timeout))
        .build()
        .into()
}

pub(crate) fn fetch_with(agent: &ureq::Agent, url: &str, opts: &Fetch) -> Result<Fetched> {
    let asked = url::normalize(url)?;
    let deadline = Instant::now() + opts.timeout;
    let mut seen = vec![asked.clone()];
    let mut current = asked.clone();
    loop {
        let mut response = request(agent, &current, opts, deadline)
            .map_err(|e| describe(&asked, &current, opts, e))?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) && status != 304 {
            let Some(location) = header(&response, "location") else {
                return Err(failed(
                    &asked,
                    &crate::i18n::process().f(
                        "error.fetch.no_location",
                        &[("status", &crate::error::num(status))],
                    ),
                ));
            };
            let next = url::join(&current, &location)
                .map_err(|e| failed(&asked, &format!("it redirects to a bad URL: {e}")))?;
            if seen.contains(&next) {
                return Err(failed(
                    &asked,
                    &format!("it redirects in a loop (back to {})", safe::visible(&next)),
                ));
            }
            if seen.len() > opts.max_redirects as usize {
                return Err(failed(
                    &asked,
                    &crate::i18n::process().f(
                        "error.fetch.redirects",
                        &[("count", &crate::error::num(opts.max_redirects))],
                    ),
                ));
            }
            seen.push(next.clone());
            current = next;
            continue;
        }
        if status == 304 {
            return Ok(Fetched {
                final_url: current,
                status: Status::NotModified,
            });
        }
        if !(200..300).contains(&status) {
            let reason = response.status().canonical_reason().unwrap_or("");
            let status = format!("{status} {reason}");
            return Err(failed(
                &asked,
                &crate::i18n::process().f(
                    "error.fetch.status",
                    &[("status", &crate::error::ltr(status.trim_end()))],
                ),
            ));
        }
        let declared = header(&response, "content-length").and_then(|n| n.parse::<u64>().ok());
        let encoded = header(&response, "content-encoding").is_some();
        if let Some(length) = declared
            && length > opts.max_bytes
            && !encoded
        {
            return Err(too_big(&asked, opts));
        }
        let etag = header(&response, "etag");
        let last_modified = header(&response, "last-modified");
        let body = response.body_mut();
        let content_type = body.mime_type().map(str::to_ascii_lowercase);
        let charset = body.charset().map(str::to_string);
        let bytes = body
            .with_config()
            .limit(opts.max_bytes)
            .read_to_vec()
            .map_err(|e| describe(&asked, &current, opts, e))?;
        return Ok(Fetched {
            final_url: current,
            status: Status::Fresh(Body {
                bytes,
                content_type,
                charset,
                etag,
                last_modified,
            }),
        });
    }
}

fn request(
    agent: &ureq::Agent,
    url: &str,
    opts: &Fetch,
    deadline: Instant,
) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
    let left = deadline.saturating_duration_since(Instant::now());
    let mut request = agent.get(url);
    if let Some(etag) = &opts.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = &opts.last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut config = request.config().timeout_global(Some(left));
    if is_loopback(url) {
        config = config.proxy(None);
    }
    config.build().call()
}

/// `localhost`, 127.0.0.0/8 or `[::1]`: never through a proxy.
fn is_loopback(url: &str) -> bool {
    let Ok(uri) = ureq::http::Uri::try_from(url) else {
        return false;
    };
    match uri.host() {
        Some("localhost" | "[::1]") => true,
        Some(host) => host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(|value| safe::strip(value.trim()).into_owned())
}

fn failed(url: &str, why: &str) -> Error {
    Error::new(crate::i18n::process().f(
        "error.fetch.failed",
        &[("url", &crate::error::ltr(url)), ("why", &why)],
    ))
}

fn too_big(url: &str, opts: &Fetch) -> Error {
    failed(
        url,
        &crate::i18n::process().f(
            "error.fetch.too_big",
            &[("size", &megabytes(opts.max_bytes))],
        ),
    )
}

/// A ureq error in words, naming the URL asked for (and where a redirect led).
fn describe(asked: &str, current: &str, opts: &Fetch, error: ureq::Error) -> Error {
    use ureq::Error as E;
    let host = ureq::http::Uri::try_from(current)
        .ok()
        .and_then(|uri| uri.host().map(str::to_string))
        .unwrap_or_default();
    let lang = crate::i18n::process();
    let host_name = crate::error::ltr(&host);
    let why = match error {
        E::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => lang.f(
            "error.fetch.connect_timeout",
            &[("time", &seconds(opts.connect_timeout))],
        ),
        E::Timeout(_) => lang.f("error.fetch.timeout", &[("time", &seconds(opts.timeout))]),
        E::BodyExceedsLimit(_) => return too_big(asked, opts),
        E::HostNotFound => lang.f("error.fetch.host_not_found", &[("host", &host_name)]),
        E::ConnectionFailed => lang.f("error.fetch.cannot_connect", &[("host", &host_name)]),
        E::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                lang.f("error.fetch.refused", &[("host", &host_name)])
            }
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                lang.t("error.fetch.closed").to_string()
            }
            std::io::ErrorKind::TimedOut => {
                lang.f("error.fetch.timeout", &[("time", &seconds(opts.timeout))])
            }
            _ => format!("network error: {}", one_line(&io.to_string())),
        },
        E::Tls(what) => format!("TLS error: {what}"),
        E::Rustls(tls) => format!("TLS error: {}", one_line(&tls.to_string())),
        E::Decompress(_, io) => format!(
            "the compressed answer is broken: {}",
            one_line(&io.to_string())
        ),
        other => one_line(&other.to_string()),
    };
    let via = if asked == current {
        String::new()
    } else {
        lang.f(
            "error.fetch.redirected",
            &[("url", &crate::error::ltr(current))],
        )
    };
    failed(asked, &format!("{why}{via}"))
}

fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    safe::visible(line).into_owned()
}

/// `20 s`, `1.5 s`.
fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    let secs = if duration.subsec_millis() == 0 {
        duration.as_secs().to_string()
    } else {
        format!("{secs:.1}")
    };
    crate::i18n::process().f("error.fetch.seconds", &[("n", &crate::error::num(secs))])
}

/// `20 MB`, `512 KB`.
fn megabytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_feeds_are_textual_pdfs_and_images_are_not() {
        for media in [
            None,
            Some("text/html; charset=windows-1256"),
            Some("application/xhtml+xml"),
            Some("application/rss+xml"),
            Some("application/atom+xml"),
            Some("text/xml"),
            Some("application/xml"),
            Some("application/feed+json"),
            Some("application/json"),
            Some("application/octet-stream"),
            Some("TEXT/PLAIN"),
        ] {
            assert!(is_textual(media), "{media:?}");
        }
        for media in [
            "application/pdf",
            "image/png",
            "image/svg",
            "video/mp4",
            "audio/mpeg",
            "application/zip",
        ] {
            assert!(!is_textual(Some(media)), "{media}");
        }
    }

    #[test]
    fn sizes_and_durations_read_as_a_person_writes_them() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20 MB");
        assert_eq!(megabytes(4096), "4 KB");
        assert_eq!(seconds(Duration::from_secs(20)), "20 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
    }

    #[test]
    fn loopback_hosts_are_known() {
        assert!(is_loopback("http://127.0.0.1:8080/"));
        assert!(is_loopback("http://127.1.2.3/"));
        assert!(is_loopback("http://localhost/"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("https://example.com/"));
    }
}
