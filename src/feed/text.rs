//! Small pieces of HTML and XML text handling the feed parsers share: what
//! a document starts with, entities, escaping. Not an HTML parser.

/// `bytes` without a UTF-8 byte-order mark and leading whitespace.
pub fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Whether a document is an HTML page: after an XML declaration,
/// processing instructions and comments, it opens with `<!DOCTYPE html` or
/// `<html`.
pub fn looks_like_web_page(bytes: &[u8]) -> bool {
    let mut rest = skip_bom_and_space(bytes);
    loop {
        let skip_to = if rest.starts_with(b"<?") {
            b"?>".as_slice()
        } else if rest.starts_with(b"<!--") {
            b"-->".as_slice()
        } else {
            break;
        };
        match find(rest, skip_to) {
            Some(at) => rest = skip_bom_and_space(&rest[at + skip_to.len()..]),
            None => return false,
        }
    }
    starts_with_ignore_case(rest, b"<!doctype html") || starts_with_ignore_case(rest, b"<html")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

pub fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The text of an HTML fragment (a title with `type="html"`): tags dropped,
/// entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// HTML's character references: the five XML ones, `&nbsp;`, and numeric
/// ones. Others stay as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|i| i + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` with `&`, `<`, `>` and `"` escaped, for HTML or XML text and
/// attributes in double quotes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain text as HTML: a paragraph for each run of lines between blank lines.
pub fn plain_to_html(text: &str) -> String {
    let mut out = String::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut String| {
        if !paragraph.is_empty() {
            out.push_str("<p>");
            out.push_str(&escape(&paragraph.join("\n")));
            out.push_str("</p>\n");
            paragraph.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_page_is_told_from_a_feed() {
        assert!(looks_like_web_page(b"\xEF\xBB\xBF \n<!DOCTYPE HTML><html>"));
        assert!(looks_like_web_page(
            b"<?xml version=\"1.0\"?><!-- x --><html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(!looks_like_web_page(b"<?xml version=\"1.0\"?><rss>"));
        assert!(!looks_like_web_page(b"{\"version\": \"html\"}"));
        assert!(!looks_like_web_page(b"<!-- never closed <html>"));
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("a &amp; b &lt;&#x62f;&#1583;&gt; &copy; & &#xFFFFFFF;"),
            "a & b <دد> &copy; & &#xFFFFFFF;"
        );
        assert_eq!(html_to_text("<b>خبر</b> &amp; <i>news"), "خبر & news");
    }

    #[test]
    fn plain_text_becomes_escaped_paragraphs() {
        assert_eq!(
            plain_to_html("a < b\nline two\n\n\n\"c\" & d\n"),
            "<p>a &lt; b\nline two</p>\n<p>&quot;c&quot; &amp; d</p>\n"
        );
    }
}
