//! Articles: logical text cut into blocks (see `model`), read from plain
//! text, Markdown or web pages, from files, stdin or the samples built into
//! barg.

pub mod html;
pub mod library;
pub mod markdown;
mod model;
mod pipelined;
pub mod plain;
pub mod quotes;
pub mod samples;
pub mod saved;
mod source;
mod stream;

pub use model::{
    Article, Block, BlockKind, Direction, Format, Span, SpanKind, TITLE_CHARS, title_of,
};
pub use source::{Opened, Source, decode_path, encode_path, lossy_warning, open, read_fetched};
pub use stream::{STREAM_CHUNK, TextStream, decode_streamed, open_stream};

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Files larger than this are refused rather than read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 1 << 30;

/// Text read from a file or stdin, decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The input was not valid UTF-8 and was decoded with replacement characters.
    pub lossy: bool,
}

/// Read a file as text: a clear error for a missing file, a directory, a file
/// too large, or binary data. The size is counted as it is read, not taken
/// from the file system: a device such as /dev/zero reports 0.
pub fn read_file(path: &Path) -> Result<Decoded> {
    let name = crate::error::path_name(path);
    let file = open_regular(path, "read")?;
    let size = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_ARTICLE_BYTES)
        + 1;
    read_text(
        file,
        usize::try_from(size).unwrap_or(0),
        &name,
        pipelined::CHUNK,
    )
}

/// Read `input` as [`read_file`] reads a file, in chunks of `chunk` bytes
/// checked on one core while the next is read: for the fuzzer, which
/// checks that this gives what [`decode_bytes`] gives, at any chunk size.
#[doc(hidden)]
pub fn decode_in_chunks(input: &[u8], chunk: usize) -> Result<Decoded> {
    read_text(input, 0, "the input", chunk.max(1))
}

fn read_text(
    mut input: impl Read + Send,
    size_hint: usize,
    name: &str,
    chunk: usize,
) -> Result<Decoded> {
    let mut head = Vec::with_capacity(BINARY_PROBE);
    (&mut input)
        .take(BINARY_PROBE as u64)
        .read_to_end(&mut head)
        .map_err(|e| read_error(name, &e))?;
    text_probe(&head, name)?;
    let read = pipelined::read_utf8(input, head, size_hint, MAX_ARTICLE_BYTES, chunk)
        .map_err(|e| read_error(name, &e))?;
    match read {
        pipelined::Read8::Text(text) if text.len() as u64 <= MAX_ARTICLE_BYTES => {
            Ok(Decoded { text, lossy: false })
        }
        pipelined::Read8::Bytes(bytes) if bytes.len() as u64 <= MAX_ARTICLE_BYTES => {
            decode(bytes, name)
        }
        _ => Err(too_large(name, MAX_ARTICLE_BYTES)),
    }
}

/// Read a file's bytes for a reader that decodes them itself (a web page
/// names its own encoding); its start is checked for binary data first.
pub fn read_file_bytes(path: &Path) -> Result<Vec<u8>> {
    let name = crate::error::path_name(path);
    let file = open_regular(path, "read")?;
    read_file_capped(file, MAX_ARTICLE_BYTES, &name, html::refuse_binary)
}

/// Read all of stdin as text.
pub fn read_stdin() -> Result<Decoded> {
    let stdin = std::io::stdin().lock();
    let name = crate::i18n::process().t("error.stdin");
    let bytes = read_capped(stdin, MAX_ARTICLE_BYTES, name, text_probe)?;
    decode(bytes, name)
}

/// A file a person wrote for barg (config, keymap) as UTF-8 text, at most
/// 1 MiB: `what` names it in messages ("config file").
pub fn read_text_file(path: &Path, what: &str) -> Result<String> {
    const MAX_SETTINGS_BYTES: u64 = 1 << 20;
    let lang = crate::i18n::process();
    let file_name = crate::error::path_name(path);
    let name = match what {
        "config file" => lang.f("error.file.config", &[("path", &file_name)]),
        "keymap file" => lang.f("error.file.keymap", &[("path", &file_name)]),
        _ => format!("{what} {file_name}"),
    };
    let file = open_regular(path, &format!("read {what}"))?;
    let bytes = read_file_capped(file, MAX_SETTINGS_BYTES, &name, text_probe)?;
    if looks_binary(&bytes) {
        return Err(Error::new(
            lang.f("error.file.not_text", &[("name", &name)]),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(lang.f(
            "error.file.not_utf8",
            &[
                ("name", &name),
                ("byte", &crate::error::num(e.utf8_error().valid_up_to())),
            ],
        ))
    })
}

fn open_regular(path: &Path, action: &str) -> Result<std::fs::File> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, action, &e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::new(crate::i18n::process().f(
            "error.file.is_directory",
            &[("path", &crate::error::path_name(path))],
        )));
    }
    Ok(file)
}

/// [`read_capped`] on a file, into a buffer of the file's size: read into
/// a growing one, a 20 MB article was copied over and over as it grew.
fn read_file_capped(
    file: std::fs::File,
    limit: u64,
    name: &str,
    probe: fn(&[u8], &str) -> Result<()>,
) -> Result<Vec<u8>> {
    // One byte more, for `read_to_end` to find the end without growing.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit) + 1;
    read_capped_into(file, usize::try_from(size).unwrap_or(0), limit, name, probe)
}

/// Read at most `limit` bytes, stopping early when `probe` refuses the first
/// 8 KiB, so that /dev/zero or /dev/urandom are refused at once.
fn read_capped(
    input: impl Read,
    limit: u64,
    name: &str,
    probe: fn(&[u8], &str) -> Result<()>,
) -> Result<Vec<u8>> {
    read_capped_into(input, 0, limit, name, probe)
}

fn read_capped_into(
    mut input: impl Read,
    capacity: usize,
    limit: u64,
    name: &str,
    probe: fn(&[u8], &str) -> Result<()>,
) -> Result<Vec<u8>> {
    let failed = |e: std::io::Error| read_error(name, &e);
    let mut bytes = Vec::with_capacity(capacity);
    (&mut input)
        .take(BINARY_PROBE as u64)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    probe(&bytes, name)?;
    input
        .take(limit + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, limit));
    }
    Ok(bytes)
}

fn read_error(name: &str, e: &std::io::Error) -> Error {
    Error::new(crate::i18n::process().f(
        "error.file.cannot_read",
        &[("name", &name), ("why", &crate::error::describe_io(e))],
    ))
}

fn too_large(name: &str, limit: u64) -> Error {
    Error::new(crate::i18n::process().f(
        "error.file.too_large",
        &[("name", &name), ("mib", &crate::error::num(limit >> 20))],
    ))
}

/// Text (UTF-16 with a BOM included) rather than binary data.
fn text_probe(bytes: &[u8], name: &str) -> Result<()> {
    if looks_binary(bytes) && !is_utf16(bytes) {
        return Err(binary_error(bytes, name));
    }
    Ok(())
}

/// How much of the start of a file tells text from binary.
const BINARY_PROBE: usize = 8192;

fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

fn binary_error(bytes: &[u8], name: &str) -> Error {
    // UTF-16 without a byte-order mark: NULs at every other byte of ASCII.
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    let zeros_at = |parity: usize| {
        probe
            .iter()
            .enumerate()
            .filter(|&(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let half = probe.len() / 2;
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |n: usize| n * 10 >= half * 9;
    let rarely = |n: usize| n * 10 <= half;
    if half > 0 && ((mostly(even) && rarely(odd)) || (mostly(odd) && rarely(even))) {
        return Error::new(crate::i18n::process().f("error.file.utf16_no_bom", &[("name", &name)]));
    }
    Error::new(crate::i18n::process().f("error.file.binary", &[("name", &name)]))
}

/// Bytes of an article as [`read_file`] and [`read_stdin`] decode them,
/// without I/O: for the fuzzer (and anything else that holds the bytes).
pub fn decode_bytes(bytes: Vec<u8>) -> Result<Decoded> {
    decode(bytes, "the input")
}

fn decode(bytes: Vec<u8>, name: &str) -> Result<Decoded> {
    if is_utf16(&bytes) {
        return Ok(decode_utf16(&bytes));
    }
    if looks_binary(&bytes) {
        return Err(binary_error(&bytes, name));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, lossy: false }),
        Err(e) => Ok(Decoded {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
        }),
    }
}

/// UTF-16 with a byte-order mark (as Windows' Notepad saves "Unicode").
fn decode_utf16(bytes: &[u8]) -> Decoded {
    let little = bytes.starts_with(&[0xFF, 0xFE]);
    let units = bytes[2..].chunks(2).map(|pair| match pair {
        [a, b] if little => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        // An odd byte at the end cannot be a character.
        _ => 0xFFFD,
    });
    let mut lossy = bytes.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                lossy = true;
                '\u{FFFD}'
            })
        })
        .collect();
    Decoded { text, lossy }
}

/// A NUL byte in the first 8 KiB is what `grep` and `git` take for binary.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_PROBE)].contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode(vec![0x7f, b'E', b'L', b'F', 0, 0], "x").is_err());
        let lossy = decode(vec![b'a', 0xff, b'b'], "x").expect("text");
        assert!(lossy.lossy);
        assert_eq!(lossy.text, "a\u{FFFD}b");
    }

    #[test]
    fn utf16_with_a_bom_is_read_and_without_one_is_named() {
        let text = "سلام hi\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le.clone(), be] {
            let decoded = decode(bytes, "x").expect("UTF-16 is text");
            assert_eq!(decoded.text, text);
            assert!(!decoded.lossy);
        }
        let bare = le[2..].to_vec();
        let ascii: Vec<u8> = "hello world"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let error = decode(ascii, "a.txt").expect_err("no BOM").to_string();
        assert!(
            error.contains("UTF-16 text without a byte-order mark"),
            "{error}"
        );
        assert!(decode(bare, "x").is_err());
    }

    #[test]
    fn a_file_is_read_whole_into_one_buffer_of_its_size() {
        let path = std::env::temp_dir().join(format!("barg-read-{}.txt", std::process::id()));
        let text = "سلام، دنیا. ".repeat(10_000);
        std::fs::write(&path, &text).expect("write");
        let file = std::fs::File::open(&path).expect("open");
        let bytes =
            read_file_capped(file, MAX_ARTICLE_BYTES, "x", text_probe).expect("a text file");
        let _ = std::fs::remove_file(&path);
        assert_eq!(bytes, text.as_bytes());
        // Never grown (and copied): the size, and the byte that finds the end.
        assert_eq!(bytes.capacity(), text.len() + 1);
    }

    #[test]
    fn a_device_that_never_ends_is_refused_without_reading_it_all() {
        let zeros = std::io::repeat(0);
        let error =
            read_capped(zeros, MAX_ARTICLE_BYTES, "/dev/zero", text_probe).expect_err("binary");
        assert!(error.to_string().contains("binary"), "{error}");
        let letters = std::io::repeat(b'a');
        let error = read_capped(letters, 1 << 20, "/dev/yes", text_probe).expect_err("too large");
        assert!(error.to_string().contains("too large"), "{error}");
    }
}
