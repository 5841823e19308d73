//! Reading a long UTF-8 file as text with its checking overlapped: while
//! one core checks a megabyte and copies it into the text, the other reads
//! the next. Reading the whole file first and converting it after
//! (`String::from_utf8`) would check it with std's slower check and leave
//! one core idle while it reads.
//!
//! The text is built from checked chunks, so the file is never held twice.
//! Whatever is not plain valid UTF-8 (a byte-order mark, binary data, an
//! invalid byte) goes back to the caller's bytes, decoded as before.

use std::io::Read;

/// Bytes read while the chunk before them is checked.
pub(super) const CHUNK: usize = 1 << 20;

/// What a pipelined read found.
pub(super) enum Read8 {
    /// The whole input, valid UTF-8.
    Text(String),
    /// Everything read, for the caller to decode as it always has: the
    /// input is not valid UTF-8 (or was refused by the probe's caller).
    Bytes(Vec<u8>),
}

/// Read the rest of `input`, which `head` (its first bytes, already read
/// and probed) starts, into a string, checking each chunk of `chunk` bytes
/// on one core while the other reads the next; at most `limit` bytes plus
/// one.
pub(super) fn read_utf8(
    mut input: impl Read + Send,
    head: Vec<u8>,
    size_hint: usize,
    limit: u64,
    chunk: usize,
) -> std::io::Result<Read8> {
    let mut text = String::with_capacity(size_hint);
    let mut total = head.len() as u64;
    let mut current = head;
    let mut next = Vec::with_capacity(chunk + 4);
    loop {
        // Cut the chunk at a character boundary: a character begun at its
        // end goes on to the next chunk.
        let cut = boundary_before_end(&current);
        next.clear();
        next.extend_from_slice(&current[cut..]);
        let room = (limit + 1).saturating_sub(total);
        // One core checks the chunk and copies it into the text while the
        // other reads the next one.
        let (checked, read) = rayon::join(
            || {
                let checked = utf8(&current[..cut]);
                if let Some(checked) = checked {
                    text.push_str(checked);
                }
                checked.is_some()
            },
            || {
                (&mut input)
                    .take(room.min(chunk as u64))
                    .read_to_end(&mut next)
            },
        );
        let read = read?;
        total += read as u64;
        if !checked {
            // Invalid: the caller decodes all of it, with replacements.
            let mut bytes = text.into_bytes();
            bytes.extend_from_slice(&current);
            bytes.extend_from_slice(&next[current.len() - cut..]);
            input
                .take((limit + 1).saturating_sub(total))
                .read_to_end(&mut bytes)?;
            return Ok(Read8::Bytes(bytes));
        }
        std::mem::swap(&mut current, &mut next);
        if read == 0 || total > limit {
            // The end (or past the limit, which the caller refuses): what
            // is left is the last character, or bytes that are not one.
            return match utf8(&current) {
                Some(rest) => {
                    text.push_str(rest);
                    Ok(Read8::Text(text))
                }
                None => {
                    let mut bytes = text.into_bytes();
                    bytes.extend_from_slice(&current);
                    Ok(Read8::Bytes(bytes))
                }
            };
        }
    }
}

/// `bytes` as text when they are UTF-8: the same answer as
/// `std::str::from_utf8`, a dozen times quicker on Persian.
pub(super) fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Where the last character of `bytes` begins when it may be incomplete
/// (its lead byte within the last three bytes), else the end.
pub(super) fn boundary_before_end(bytes: &[u8]) -> usize {
    let end = bytes.len();
    for back in 1..=3.min(end) {
        let b = bytes[end - back];
        if b & 0xC0 != 0x80 {
            // A lead byte (or ASCII): the character it starts is whole
            // when it has all its bytes.
            let needs = match b {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            return if back >= needs { end } else { end - back };
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], head: usize) -> Read8 {
        let head_bytes = input[..head.min(input.len())].to_vec();
        read_utf8(
            &input[head.min(input.len())..],
            head_bytes,
            0,
            1 << 30,
            CHUNK,
        )
        .expect("read")
    }

    #[test]
    fn chunks_cut_inside_characters_give_the_text_back_whole() {
        // Persian (2 bytes), a 3-byte and a 4-byte character, over several
        // chunks, with the head ending at every offset of a character.
        let unit = "کتاب‌ها ✓ 😀 abc ";
        let text = unit.repeat(CHUNK * 3 / unit.len() + 7);
        for head in 0..8 {
            match read(text.as_bytes(), head) {
                Read8::Text(read) => assert!(read == text, "head {head}"),
                Read8::Bytes(_) => panic!("valid text refused at head {head}"),
            }
        }
    }

    #[test]
    fn invalid_bytes_anywhere_give_every_byte_back() {
        let mut bytes = "سلام ".repeat(CHUNK / 4).into_bytes();
        for at in [0, 5, CHUNK - 1, CHUNK, CHUNK + 1, bytes.len() - 1] {
            let mut broken = bytes.clone();
            broken[at] = 0xFF;
            match read(&broken, 3) {
                Read8::Bytes(read) => assert!(read == broken, "at {at}"),
                Read8::Text(_) => panic!("invalid byte at {at} taken as text"),
            }
        }
        // A character cut short by the end of the input.
        bytes.truncate(bytes.len() - 2);
        bytes.push(0xD8);
        assert!(matches!(read(&bytes, 0), Read8::Bytes(b) if b == bytes));
    }

    #[test]
    fn empty_and_short_inputs() {
        assert!(matches!(read(b"", 0), Read8::Text(t) if t.is_empty()));
        assert!(matches!(read("ب".as_bytes(), 1), Read8::Text(t) if t == "ب"));
        assert!(matches!(read(b"abc", 3), Read8::Text(t) if t == "abc"));
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let text = "a".repeat(CHUNK + 10);
        let read = read_utf8(text.as_bytes(), Vec::new(), 0, 100, CHUNK).expect("read");
        assert!(matches!(read, Read8::Text(t) if t.len() == 101));
    }
}
