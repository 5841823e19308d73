//! A plain-text file or standard input read a chunk at a time, for `barg
//! render` to lay out one chunk's paragraphs while the next is read: the
//! text is decoded exactly as [`super::open`] decodes it, but no article is
//! built and the file is never held whole unless it is one paragraph.
//!
//! Each chunk is checked as UTF-8 and cut at a character boundary. What is
//! not plain valid UTF-8 goes the way [`super::decode_bytes`] goes: UTF-16
//! with a byte-order mark (seen in the first bytes) is read and decoded
//! whole; an invalid byte turns the rest of the input, from the end of the
//! valid text before it, into text with replacement characters. The valid
//! text ends at a character, so that is the text a whole decoding gives.

use std::io::Read;
use std::path::Path;

use super::pipelined::boundary_before_end;
use super::{BINARY_PROBE, Format, MAX_ARTICLE_BYTES, Source};
use crate::error::Result;

/// Bytes read at a time: about what a batch of paragraphs takes to lay
/// out on the cores while the next is read.
pub const STREAM_CHUNK: usize = 256 * 1024;

/// Text read in chunks; see the module's documentation.
pub struct TextStream {
    input: Box<dyn Read + Send>,
    /// How the input is named in errors.
    name: String,
    /// Bytes read but not yet text: the head before the first chunk, then
    /// a character cut at a chunk's end.
    pending: Vec<u8>,
    /// Bytes read so far.
    total: u64,
    /// The input's length when it is known (a file's), else 0.
    expected: u64,
    limit: u64,
    chunk: usize,
    /// UTF-16 with a byte-order mark: decoded whole.
    whole: bool,
    /// The input has no more bytes; `pending` may still hold some.
    eof: bool,
    lossy: bool,
    /// All the text has been given.
    ended: bool,
}

/// Open `source` as a stream when it is plain text from a file or standard
/// input; `None` for anything else (a sample, a web page, Markdown), which
/// [`super::open`] reads as an article. Errors are `open`'s: a missing
/// file, a directory, binary data, a file over [`MAX_ARTICLE_BYTES`].
pub fn open_stream(source: &Source) -> Result<Option<TextStream>> {
    match source {
        Source::File(path)
            if !super::saved::is_saved_path(path) && Format::of_path(path) == Format::Plain =>
        {
            file_stream(path).map(Some)
        }
        Source::Stdin => {
            let name = crate::i18n::process().t("error.stdin").to_string();
            let stdin = std::io::stdin();
            TextStream::new(Box::new(stdin), name, STREAM_CHUNK).map(Some)
        }
        _ => Ok(None),
    }
}

fn file_stream(path: &Path) -> Result<TextStream> {
    let name = crate::error::path_name(path);
    let file = super::open_regular(path, "read")?;
    let length = file.metadata().map_or(0, |m| m.len());
    if length > MAX_ARTICLE_BYTES {
        return Err(super::too_large(&name, MAX_ARTICLE_BYTES));
    }
    let mut stream = TextStream::new(Box::new(file), name, STREAM_CHUNK)?;
    stream.expected = length;
    Ok(stream)
}

/// All of `input` read through a stream of `chunk` bytes (at least 4), as
/// [`super::decode_bytes`] names it in errors: for the fuzzer and the
/// tests, which check that this is what `decode_bytes` gives.
#[doc(hidden)]
pub fn decode_streamed(input: &[u8], chunk: usize) -> Result<super::Decoded> {
    let input = std::io::Cursor::new(input.to_vec());
    let mut stream = TextStream::new(Box::new(input), "the input".into(), chunk)?;
    let mut text = String::new();
    while stream.read_into(&mut text)? {}
    Ok(super::Decoded {
        text,
        lossy: stream.lossy(),
    })
}

impl std::fmt::Debug for TextStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextStream")
            .field("name", &self.name)
            .field("total", &self.total)
            .field("lossy", &self.lossy)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl TextStream {
    /// A stream over `input`, named `name` in errors, read `chunk` bytes
    /// at a time (at least 4); its first bytes are read now, and refused
    /// when they look like binary data.
    pub fn new(mut input: Box<dyn Read + Send>, name: String, chunk: usize) -> Result<TextStream> {
        let mut head = Vec::with_capacity(super::BINARY_PROBE.max(chunk) + 4);
        (&mut input)
            .take(BINARY_PROBE as u64)
            .read_to_end(&mut head)
            .map_err(|e| super::read_error(&name, &e))?;
        super::text_probe(&head, &name)?;
        Ok(TextStream {
            input,
            whole: super::is_utf16(&head),
            total: head.len() as u64,
            expected: 0,
            pending: head,
            name,
            limit: MAX_ARTICLE_BYTES,
            chunk: chunk.max(4),
            eof: false,
            lossy: false,
            ended: false,
        })
    }

    /// Read the next chunk and append its text to `text`. Returns whether
    /// more may follow: `false` once the input has ended (this call may
    /// still have appended its last text).
    pub fn read_into(&mut self, text: &mut String) -> Result<bool> {
        if self.ended {
            return Ok(false);
        }
        if self.whole {
            self.read(u64::MAX)?;
            let decoded = super::decode(std::mem::take(&mut self.pending), &self.name)?;
            return Ok(self.last(text, &decoded.text, decoded.lossy));
        }
        if !self.eof && self.pending.len() < self.chunk {
            let want = (self.chunk - self.pending.len()) as u64;
            self.eof = self.read(want)? < want;
        }
        // A chunk at most (the head may be longer), without a character
        // its end cuts.
        let piece = self.pending.len().min(self.chunk);
        let all = self.eof && piece == self.pending.len();
        let cut = match all {
            true => piece,
            false => boundary_before_end(&self.pending[..piece]),
        };
        if let Some(checked) = super::pipelined::utf8(&self.pending[..cut]) {
            text.push_str(checked);
            self.pending.drain(..cut);
            self.ended = all;
            return Ok(!all);
        }
        // Not UTF-8: the rest is decoded whole, with replacements.
        if !self.eof {
            self.read(u64::MAX)?;
        }
        let bytes = std::mem::take(&mut self.pending);
        let rest = String::from_utf8_lossy(&bytes);
        Ok(self.last(text, &rest, true))
    }

    /// About how many bytes of text are still to come, when the input's
    /// length is known (a file's; 0 for standard input): for a reader that
    /// holds a long line whole to make room for it once.
    pub fn remaining(&self) -> usize {
        let unread = self.expected.min(self.limit).saturating_sub(self.total);
        usize::try_from(unread).unwrap_or(0) + self.pending.len()
    }

    /// Whether the text had to be decoded with replacement characters.
    pub fn lossy(&self) -> bool {
        self.lossy
    }

    /// Read at most `want` more bytes into `pending`, refusing an input
    /// over the limit; how many were read.
    fn read(&mut self, want: u64) -> Result<u64> {
        let room = (self.limit + 1).saturating_sub(self.total);
        let read = (&mut self.input)
            .take(room.min(want))
            .read_to_end(&mut self.pending)
            .map_err(|e| super::read_error(&self.name, &e))? as u64;
        self.total += read;
        if self.total > self.limit {
            return Err(super::too_large(&self.name, self.limit));
        }
        Ok(read)
    }

    fn last(&mut self, text: &mut String, rest: &str, lossy: bool) -> bool {
        text.push_str(rest);
        self.lossy = lossy;
        self.ended = true;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_whole(input: &[u8], what: &str) {
        let whole = super::super::decode_bytes(input.to_vec());
        for chunk in [4, 5, 7, 13, 64, STREAM_CHUNK] {
            match (decode_streamed(input, chunk), &whole) {
                (Ok(got), Ok(want)) => assert!(
                    got.text == want.text && got.lossy == want.lossy,
                    "{what}, chunks of {chunk}: {:?} {}",
                    got.text.get(..got.text.len().min(80)),
                    got.lossy
                ),
                (Err(_), Err(_)) => {}
                (got, want) => panic!("{what}, chunks of {chunk}: {got:?} but whole {want:?}"),
            }
        }
    }

    #[test]
    fn the_text_is_what_a_whole_decoding_gives() {
        // Past the head (8 KiB), with characters of every length cut at
        // every offset of a chunk.
        let unit = "کتاب‌ها ✓ 😀 abc\n";
        let text = unit.repeat(super::BINARY_PROBE / unit.len() + 40);
        same_as_whole(text.as_bytes(), "valid");
        for at in [3, super::BINARY_PROBE + 1, text.len() - 300, text.len() - 1] {
            let mut broken = text.clone().into_bytes();
            broken[at] = 0xFF;
            same_as_whole(&broken, "an invalid byte");
            broken[at] = 0xE0;
            same_as_whole(&broken, "a lead byte without its character");
        }
        let mut cut = text.into_bytes();
        cut.extend_from_slice(&[0xF0, 0x9F, 0x98]);
        same_as_whole(&cut, "a character cut short at the end");
    }

    #[test]
    fn utf16_empty_and_binary_inputs_are_what_open_makes_of_them() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "سلام\nجهان".repeat(3000).encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        same_as_whole(&utf16, "UTF-16");
        same_as_whole(b"", "empty");
        same_as_whole(b"a\n", "short");
        same_as_whole(b"\x7fELF\0\0\x01", "binary");
        assert!(
            decode_streamed(b"ab\0", 4).is_err(),
            "binary data is refused"
        );
    }

    #[test]
    fn an_input_over_the_limit_is_refused() {
        let input = std::io::Cursor::new(vec![b'a'; 100]);
        let mut stream = TextStream::new(Box::new(input), "x".into(), 16).expect("open");
        stream.limit = 50;
        let mut text = String::new();
        let error = loop {
            match stream.read_into(&mut text) {
                Ok(true) => {}
                Ok(false) => panic!("read past the limit"),
                Err(e) => break e,
            }
        };
        let refused = super::super::too_large("x", 50).to_string();
        assert_eq!(error.to_string(), refused);
    }
}
