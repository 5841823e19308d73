//! Character classes from Unicode properties: the one place that says which
//! characters the screen never draws and which marks search looks through.
//! Both the layout (`sanitize::is_dropped`) and search (`crate::search`) ask
//! here, so what is hidden on screen is never something search would match.
//!
//! The ranges are generated into `table.rs` by `tools/gen_char_classes.py`
//! from the Unicode data in tests/data; tests/layout_tables.rs fails when
//! the two disagree.

mod table;

use std::sync::LazyLock;

pub use table::UNICODE_VERSION;

/// `NEVER_DRAWN` over the Basic Multilingual Plane as a bitmap, built once:
/// the layout asks about every character it draws, and one index is
/// cheaper than a search through the ranges.
static NEVER_DRAWN_BMP: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x1_0000 / 64];
    for &(start, end) in table::NEVER_DRAWN {
        for code in start..=end.min(0xFFFF) {
            bits[code as usize / 64] |= 1 << (code % 64);
        }
    }
    bits
});

/// Whether `c` lies in one of the sorted, disjoint inclusive `ranges`.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let code = u32::from(c);
    let after = ranges.partition_point(|&(start, _)| start <= code);
    after > 0 && code <= ranges[after - 1].1
}

/// Characters the screen never draws: controls but tab (which is expanded
/// into spaces), line and paragraph separators, format characters (bidi
/// controls, joiners, soft hyphen, BOM, tags, …) except the Arabic number
/// signs that are drawn over digits, and the code points Unicode keeps for
/// future invisible characters.
pub fn is_never_drawn(c: char) -> bool {
    let code = u32::from(c);
    if code <= 0xFFFF {
        let word = NEVER_DRAWN_BMP
            .get(code as usize / 64)
            .copied()
            .unwrap_or(0);
        return word & (1 << (code % 64)) != 0;
    }
    in_ranges(table::NEVER_DRAWN, c)
}

/// The combining marks of the Arabic blocks: harakat, superscript alef,
/// Quranic annotation marks. Search reads a letter the same with or
/// without them.
pub fn is_arabic_mark(c: char) -> bool {
    in_ranges(table::ARABIC_MARKS, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_sorted_and_disjoint() {
        for ranges in [table::NEVER_DRAWN, table::ARABIC_MARKS] {
            for pair in ranges.windows(2) {
                assert!(
                    pair[0].0 <= pair[0].1 && pair[0].1 + 1 < pair[1].0,
                    "{pair:?}"
                );
            }
        }
    }

    #[test]
    fn range_ends_are_inside() {
        assert!(is_never_drawn('\u{0}'));
        assert!(is_never_drawn('\u{8}'));
        assert!(!is_never_drawn('\t'));
        assert!(is_never_drawn('\u{AD}'));
        assert!(!is_never_drawn('\u{AE}'));
        assert!(is_never_drawn('\u{FFFB}'));
        assert!(!is_never_drawn('\u{FFFC}'));
        assert!(!is_never_drawn('\u{FFFF}'));
        assert!(is_never_drawn('\u{E0FFF}'));
        assert!(!is_never_drawn('\u{10FFFF}'));
        assert!(is_arabic_mark('\u{64B}'));
        assert!(!is_arabic_mark('\u{64A}'));
    }
}
