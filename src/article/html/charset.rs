//! A page's bytes to text, as a browser chooses the encoding: the byte-order
//! mark, then the charset the server sent (HTTP `Content-Type`), then the
//! page's own `<meta charset>` found by a prescan of its start, else UTF-8.
//!
//! A declaration can lie. Bytes that a declared (or assumed) UTF-8 cannot
//! read are read with the next declaration that is not UTF-8, or else as
//! windows-1256 when they read as Arabic script there (Persian pages still
//! come that way) and windows-1252 when not; a page declared in a legacy
//! encoding whose bytes are valid UTF-8 with letters beyond ASCII is UTF-8.
//! Either way a warning says so.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1256};

/// How far into the page the `<meta>` prescan looks (the HTML standard's
/// prescan stops at 1024 bytes; some pages put a long head first).
const PRESCAN_BYTES: usize = 4096;

/// A page's text and what was said about it on the way.
#[derive(Debug)]
pub struct PageText {
    pub text: String,
    /// The encoding it was read in.
    pub encoding: &'static Encoding,
    /// Sentences naming the page: a lying or unknown charset, bad bytes.
    pub warnings: Vec<String>,
}

/// Decode `bytes`, a page `name`d in warnings, with the charset the server
/// sent (a label such as "windows-1256", or a whole Content-Type value).
pub fn decode(bytes: &[u8], http_charset: Option<&str>, name: &str) -> PageText {
    let mut warnings = Vec::new();
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            warnings.push(bad_bytes(name, encoding));
        }
        return page(text.into_owned(), encoding, warnings);
    }
    let mut declared = Vec::new();
    if let Some(value) = http_charset {
        let label = charset_param(value).unwrap_or(value);
        match label_encoding(label) {
            Some(encoding) => declared.push(encoding),
            None => warnings.push(unknown(name, label, "server")),
        }
    }
    if let Some(label) = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        match label_encoding(&label) {
            // A page that says it is UTF-16 cannot be (it was read as ASCII).
            Some(encoding) => declared.push(encoding.output_encoding()),
            None => warnings.push(unknown(name, &label, "page")),
        }
    }
    let chosen = declared.first().copied().unwrap_or(UTF_8);
    if chosen == UTF_8 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return page(text.to_string(), UTF_8, warnings);
        }
        let fallback = declared
            .iter()
            .copied()
            .find(|&e| e != UTF_8)
            .unwrap_or_else(|| guess_legacy(bytes));
        let said = if declared.is_empty() {
            format!("{name} is not valid UTF-8")
        } else {
            format!("{name} says it is UTF-8 but is not")
        };
        warnings.push(format!("{said}; read as {}", fallback.name()));
        let (text, _) = fallback.decode_without_bom_handling(bytes);
        return page(text.into_owned(), fallback, warnings);
    }
    if chosen.is_single_byte() && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        warnings.push(format!(
            "{name} says it is {} but is UTF-8; read as UTF-8",
            chosen.name()
        ));
        return page(String::from_utf8_lossy(bytes).into_owned(), UTF_8, warnings);
    }
    let (text, malformed) = chosen.decode_without_bom_handling(bytes);
    if malformed {
        warnings.push(bad_bytes(name, chosen));
    }
    page(text.into_owned(), chosen, warnings)
}

fn page(text: String, encoding: &'static Encoding, warnings: Vec<String>) -> PageText {
    PageText {
        text,
        encoding,
        warnings,
    }
}

fn bad_bytes(name: &str, encoding: &'static Encoding) -> String {
    format!(
        "{name} has bytes that are not {}; they are shown as \u{FFFD}",
        encoding.name()
    )
}

fn unknown(name: &str, label: &str, whose: &str) -> String {
    let label: String = label.chars().take(40).collect();
    format!(
        "{name}: the {whose} names an unknown charset \"{}\"; it was ignored",
        crate::safe::visible(&label)
    )
}

/// The encoding a label names; "replacement" (labels of encodings that
/// browsers refuse to read) counts as unknown.
fn label_encoding(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(['"', '\'']).trim_end_matches('/');
    Encoding::for_label(label.as_bytes()).filter(|&e| e != encoding_rs::REPLACEMENT)
}

/// Bytes that are not UTF-8 and declare nothing: windows-1256 when most of
/// their letters beyond ASCII are Arabic script there, else windows-1252.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let (text, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    if arabic > other {
        WINDOWS_1256
    } else {
        WINDOWS_1252
    }
}

/// The `charset=` parameter of a Content-Type value.
fn charset_param(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = value[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The charset a page's `<meta>` declares in `head` (its first bytes), as
/// the HTML standard's prescan finds it: comments skipped, the first
/// `<meta charset>` or `<meta http-equiv="content-type" content>` wins.
fn prescan(head: &[u8]) -> Option<String> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->").map_or(head.len(), |end| end + 3);
        } else if starts_with_ci(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            let (attributes, end) = attributes(&rest[5..]);
            at += 5 + end;
            let value = |name: &str| {
                attributes
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
            };
            if let Some(charset) = value("charset") {
                return Some(charset.to_string());
            }
            let equiv = value("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
            if equiv && let Some(charset) = value("content").and_then(charset_param) {
                return Some(charset.to_string());
            }
        } else if rest.starts_with(b"<") && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            // Another tag: skip its attributes (a '>' inside quotes is not its end).
            at += 1 + attributes(&rest[1..]).1;
        } else {
            at += 1;
        }
    }
    None
}

/// The attributes of a tag from just after its name, lowercased names, and
/// how many bytes they took up to and with the closing '>'.
fn attributes(tag: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut found = Vec::new();
    let mut at = 0;
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    loop {
        while at < tag.len() && (is_space(tag[at]) || tag[at] == b'/') {
            at += 1;
        }
        match tag.get(at) {
            None => return (found, at),
            Some(b'>') => return (found, at + 1),
            Some(_) => {}
        }
        let start = at;
        while at < tag.len() && !is_space(tag[at]) && !matches!(tag[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let name = text(&tag[start..at]).to_ascii_lowercase();
        while at < tag.len() && is_space(tag[at]) {
            at += 1;
        }
        let mut value = String::new();
        if tag.get(at) == Some(&b'=') {
            at += 1;
            while at < tag.len() && is_space(tag[at]) {
                at += 1;
            }
            match tag.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = tag[at + 1..]
                        .iter()
                        .position(|&b| b == quote)
                        .map_or(tag.len(), |p| at + 1 + p);
                    value = text(&tag[at + 1..end]);
                    at = (end + 1).min(tag.len());
                }
                _ => {
                    let start = at;
                    while at < tag.len() && !is_space(tag[at]) && tag[at] != b'>' {
                        at += 1;
                    }
                    value = text(&tag[start..at]);
                }
            }
        }
        if !name.is_empty() && !found.iter().any(|(n, _)| *n == name) {
            found.push((name, value));
        }
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn starts_with_ci(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persian_1256() -> Vec<u8> {
        let (bytes, _, unmappable) = WINDOWS_1256.encode("سلام پارسي گويان");
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn the_prescan_finds_both_kinds_of_meta_and_skips_comments() {
        assert_eq!(
            prescan(b"<head><meta charset=\"windows-1256\">"),
            Some("windows-1256".into())
        );
        assert_eq!(prescan(b"<meta charset=utf-8/>"), Some("utf-8/".into()));
        assert_eq!(
            prescan(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=iso-8859-6'>"),
            Some("iso-8859-6".into())
        );
        assert_eq!(prescan(b"<!-- <meta charset=koi8-r> --><p>"), None);
        assert_eq!(prescan(b"<div title='<meta charset=koi8-r>'>"), None);
        assert_eq!(prescan(b"<meta name=x content='charset=koi8-r'>"), None);
        assert_eq!(prescan(b"<meta"), None);
    }

    #[test]
    fn the_bom_beats_the_server_which_beats_the_page() {
        let mut bom = b"\xEF\xBB\xBF<meta charset=windows-1256>".to_vec();
        bom.extend("برگ".as_bytes());
        let read = decode(&bom, Some("windows-1252"), "p");
        assert_eq!((read.encoding, read.warnings.len()), (UTF_8, 0));
        assert!(read.text.ends_with("برگ"));
        let mut page = b"<meta charset=utf-8>".to_vec();
        page.extend(persian_1256());
        let read = decode(&page, Some("text/html; charset=\"windows-1256\""), "p");
        assert_eq!(read.encoding, WINDOWS_1256);
        assert!(read.text.ends_with("سلام پارسي گويان"), "{}", read.text);
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    }

    #[test]
    fn a_lying_or_unknown_charset_is_named_and_the_bytes_still_read() {
        let mut page = b"<meta charset=utf-8>".to_vec();
        page.extend(persian_1256());
        let read = decode(&page, Some("x-klingon"), "page.html");
        assert_eq!(read.encoding, WINDOWS_1256);
        assert!(read.text.ends_with("سلام پارسي گويان"));
        assert_eq!(
            read.warnings,
            [
                "page.html: the server names an unknown charset \"x-klingon\"; it was ignored",
                "page.html says it is UTF-8 but is not; read as windows-1256",
            ]
        );
        let latin = decode(b"caf\xe9 cr\xe8me", None, "p");
        assert_eq!(latin.encoding, WINDOWS_1252);
        assert_eq!(latin.text, "café crème");
        let utf8 = decode("<meta charset=windows-1256>برگ".as_bytes(), None, "p");
        assert_eq!(utf8.encoding, UTF_8);
        assert_eq!(
            utf8.warnings,
            ["p says it is windows-1256 but is UTF-8; read as UTF-8"]
        );
    }
}
