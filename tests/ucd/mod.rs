//! The Unicode Character Database kept in tests/data, read the way the
//! generators in tools/ read it, so tests can state facts about characters
//! without asking the code under test.
#![allow(dead_code)]

use std::io::Read;

use flate2::read::GzDecoder;

pub const END: u32 = 0x11_0000;

/// The text of `tests/data/NAME` (gunzipped when NAME ends in .gz).
pub fn read(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::new();
    let result = if name.ends_with(".gz") {
        GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    };
    result.unwrap_or_else(|e| panic!("{path}: {e}"));
    text
}

/// The Unicode version named in tests/data/ReadMe.txt.
pub fn version() -> String {
    let readme = read("ReadMe.txt");
    let marker = "for Version ";
    let at = readme.find(marker).expect("ReadMe.txt names its version") + marker.len();
    readme[at..]
        .split_whitespace()
        .next()
        .expect("a version after 'for Version'")
        .to_string()
}

fn hex(s: &str) -> u32 {
    u32::from_str_radix(s.trim(), 16).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

/// The General_Category of every code point (`*b"Cn"` where UnicodeData.txt
/// lists none), index = code point.
pub fn general_categories() -> Vec<[u8; 2]> {
    let mut gc = vec![*b"Cn"; END as usize];
    let mut first = None;
    for (number, line) in read("UnicodeData.txt.gz").lines().enumerate() {
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 15, "UnicodeData.txt line {}", number + 1);
        let (code, name, category) = (hex(fields[0]), fields[1], fields[2]);
        if name.ends_with(", First>") {
            first = Some(code);
            continue;
        }
        let start = if name.ends_with(", Last>") {
            first.take().expect("a First> line before a Last> line")
        } else {
            code
        };
        let category: [u8; 2] = category
            .as_bytes()
            .try_into()
            .expect("a two-letter category");
        for c in start..=code {
            gc[c as usize] = category;
        }
    }
    gc
}

/// The fields of UnicodeData.txt, one row per line.
pub fn unicode_data_rows() -> Vec<Vec<String>> {
    read("UnicodeData.txt.gz")
        .lines()
        .map(|line| line.split(';').map(str::to_string).collect())
        .collect()
}

/// Membership in `property` as listed in a file shaped like PropList.txt.
pub fn property(file: &str, property: &str) -> Vec<bool> {
    let mut member = vec![false; END as usize];
    for line in read(file).lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((codes, name)) = line.split_once(';') else {
            continue;
        };
        if name.trim() != property {
            continue;
        }
        let (start, end) = match codes.trim().split_once("..") {
            Some((a, b)) => (hex(a), hex(b)),
            None => (hex(codes), hex(codes)),
        };
        for c in start..=end {
            member[c as usize] = true;
        }
    }
    member
}

/// The code points of the blocks whose name is `name` or starts with `name `.
pub fn blocks_named(name: &str) -> Vec<bool> {
    let mut member = vec![false; END as usize];
    for line in read("Blocks.txt.gz").lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((codes, block)) = line.split_once(';') else {
            continue;
        };
        let block = block.trim();
        if block != name && !block.starts_with(&format!("{name} ")) {
            continue;
        }
        let (a, b) = codes.trim().split_once("..").expect("a block is a range");
        for c in hex(a)..=hex(b) {
            member[c as usize] = true;
        }
    }
    member
}

/// Maximal runs of members, as inclusive ranges.
pub fn ranges(member: &[bool]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut start = None;
    for (c, &inside) in member.iter().chain(std::iter::once(&false)).enumerate() {
        match (inside, start) {
            (true, None) => start = Some(c as u32),
            (false, Some(s)) => {
                out.push((s, c as u32 - 1));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// What the screen never draws, by Unicode properties: controls (Cc) but
/// tab, line and paragraph separators (Zl, Zp), format characters (Cf) but
/// the prepended concatenation marks (Arabic number signs, drawn over the
/// digits after them), and unassigned default-ignorable code points.
pub fn never_drawn() -> Vec<bool> {
    let gc = general_categories();
    let ignorable = property(
        "DerivedCoreProperties.txt.gz",
        "Default_Ignorable_Code_Point",
    );
    let prepended = property("PropList.txt.gz", "Prepended_Concatenation_Mark");
    (0..END as usize)
        .map(|c| match &gc[c] {
            b"Cc" => c != 0x09,
            b"Zl" | b"Zp" => true,
            b"Cf" => !prepended[c],
            b"Cn" => ignorable[c],
            _ => false,
        })
        .collect()
}

/// The combining marks (Mn, Me) of the blocks named Arabic.
pub fn arabic_marks() -> Vec<bool> {
    let gc = general_categories();
    let arabic = blocks_named("Arabic");
    (0..END as usize)
        .map(|c| arabic[c] && matches!(&gc[c], b"Mn" | b"Me"))
        .collect()
}
