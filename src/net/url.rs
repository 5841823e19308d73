//! The URLs barg fetches: `http` and `https` only, no credentials, written
//! the way a request line needs them (non-ASCII and spaces percent-encoded,
//! no fragment), and a redirect's `Location` resolved against the page it
//! came from (RFC 3986, section 5.2, without the parts HTTP never uses).

use crate::error::{Error, Result};
use crate::safe;

/// `url` checked and written for a request: `https://fa.example/خبر#top`
/// becomes `https://fa.example/%D8%AE%D8%A8%D8%B1`.
pub fn normalize(url: &str) -> Result<String> {
    let refuse = |why: &str| {
        Error::new(format!(
            "cannot fetch \"{}\": {why}",
            safe::visible(url.trim())
        ))
    };
    let text = url.trim();
    if text.is_empty() {
        return Err(refuse("an empty URL; give one that starts with https://"));
    }
    let Some(scheme) = scheme_of(text) else {
        return Err(refuse("not a URL; give one that starts with https://"));
    };
    let lower = scheme.to_ascii_lowercase();
    if lower != "http" && lower != "https" {
        return Err(refuse(&format!(
            "only http and https URLs can be fetched, not {}:",
            safe::visible(scheme)
        )));
    }
    let Some(rest) = text[scheme.len() + 1..].strip_prefix("//") else {
        return Err(refuse("not a URL; give one that starts with https://"));
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err(refuse(
            "the URL carries a user name or password, which barg does not send; remove the part before @",
        ));
    }
    if authority.is_empty() || authority.starts_with(':') {
        return Err(refuse("the URL names no host"));
    }
    if !authority
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._:[]".contains(c))
    {
        return Err(refuse(
            "the host name has characters a host name cannot have (write an international name in its xn-- form)",
        ));
    }
    let tail = match tail.find('#') {
        Some(at) => &tail[..at],
        None => tail,
    };
    let (path, query) = match tail.find('?') {
        Some(at) => tail.split_at(at),
        None => (tail, ""),
    };
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        remove_dot_segments(path)
    };
    let normalized = format!(
        "{lower}://{}{}{}",
        authority.to_ascii_lowercase(),
        encode(&path),
        encode(query)
    );
    match ureq::http::Uri::try_from(normalized.as_str()) {
        Ok(uri) if uri.host().is_some() => Ok(normalized),
        _ => Err(refuse("not a valid URL")),
    }
}

/// The URL a redirect from `base` (already normalized) to `location` leads to.
pub fn join(base: &str, location: &str) -> Result<String> {
    let location = location.trim();
    if scheme_of(location).is_some() {
        return normalize(location);
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    let slash = rest.find('/').unwrap_or(rest.len());
    let (authority, path_and_query) = rest.split_at(slash);
    let path = match path_and_query.find('?') {
        Some(at) => &path_and_query[..at],
        None => path_and_query,
    };
    let joined = if location.is_empty() || location.starts_with('#') {
        return Ok(base.to_string());
    } else if location.starts_with("//") {
        format!("{scheme}:{location}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else if location.starts_with('?') {
        format!("{scheme}://{authority}{path}{location}")
    } else {
        let directory = match path.rfind('/') {
            Some(at) => &path[..=at],
            None => "/",
        };
        format!("{scheme}://{authority}{directory}{location}")
    };
    normalize(&joined)
}

/// `http` of `http://…`: letters, digits, `+-.` before the first `:`,
/// starting with a letter.
fn scheme_of(text: &str) -> Option<&str> {
    let colon = text.find(':')?;
    let scheme = &text[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(scheme)
}

/// A path without its `.` and `..` segments (RFC 3986, 5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut ends_in_directory = false;
    for (i, segment) in segments.iter().enumerate() {
        ends_in_directory = false;
        match *segment {
            "." => ends_in_directory = i == last,
            ".." => {
                kept.pop();
                ends_in_directory = i == last;
            }
            other => kept.push(other),
        }
    }
    let mut out = String::with_capacity(path.len());
    for segment in &kept {
        out.push('/');
        out.push_str(segment);
    }
    if ends_in_directory || out.is_empty() {
        out.push('/');
    }
    out
}

/// Percent-encode what may not stand raw in a request line: non-ASCII,
/// controls, spaces and the few ASCII marks RFC 3986 leaves out.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte > 0x20 && byte < 0x7f && !b"\"<>\\^`{|}".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(url: &str) -> String {
        normalize(url).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    #[test]
    fn a_persian_path_is_percent_encoded_and_the_fragment_dropped() {
        assert_eq!(
            ok(" https://Fa.Example/خبر 1?q=ا#top "),
            "https://fa.example/%D8%AE%D8%A8%D8%B1%201?q=%D8%A7"
        );
        assert_eq!(ok("http://127.0.0.1:8080"), "http://127.0.0.1:8080/");
        assert_eq!(ok("HTTP://[::1]:80/a/./b/../c"), "http://[::1]:80/a/c");
    }

    #[test]
    fn other_schemes_credentials_and_non_urls_are_refused() {
        for (url, says) in [
            ("file:///etc/passwd", "only http and https"),
            ("ftp://example.com/x", "not ftp:"),
            ("javascript:alert(1)", "only http and https"),
            ("https://user:pw@example.com/", "user name or password"),
            ("example.com/news", "not a URL"),
            ("", "an empty URL"),
            ("https:///path", "no host"),
            ("https://ex ample.com/", "host name"),
            ("https://\u{1b}]0;x\u{7}/", "\\u{1b}"),
        ] {
            let error = normalize(url).expect_err(url).to_string();
            assert!(error.contains(says), "{url}: {error}");
            assert!(!error.contains(safe::is_active), "{error:?}");
        }
    }

    #[test]
    fn a_location_is_resolved_against_the_page_it_came_from() {
        let base = "https://example.com/news/today/item?id=1";
        assert_eq!(
            join(base, "http://other.org/x").ok().as_deref(),
            Some("http://other.org/x")
        );
        assert_eq!(
            join(base, "//cdn.example.com/a").ok().as_deref(),
            Some("https://cdn.example.com/a")
        );
        assert_eq!(
            join(base, "/root").ok().as_deref(),
            Some("https://example.com/root")
        );
        assert_eq!(
            join(base, "?id=2").ok().as_deref(),
            Some("https://example.com/news/today/item?id=2")
        );
        assert_eq!(
            join(base, "../yesterday/").ok().as_deref(),
            Some("https://example.com/news/yesterday/")
        );
        assert_eq!(
            join(base, "other").ok().as_deref(),
            Some("https://example.com/news/today/other")
        );
        assert!(join(base, "file:///etc/passwd").is_err());
    }
}
