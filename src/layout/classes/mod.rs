//! Character classes from Unicode properties: the one place that says which
//! characters the screen never draws and which marks search looks through.
//! Both the layout (`sanitize::is_dropped`) and search (`crate::search`) ask
//! here, so what is hidden on screen is never something search would match.
//!
//! The ranges are generated into `table.rs` by `tools/gen_char_classes.py`
//! from the Unicode data in tests/data; tests/layout_tables.rs fails when
//! the two disagree.

mod table;

pub use table::UNICODE_VERSION;

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
    // Printable ASCII is most of what a layout asks about.
    if (' '..='~').contains(&c) {
        return false;
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
        assert!(is_never_drawn('\u{E0FFF}'));
        assert!(!is_never_drawn('\u{10FFFF}'));
        assert!(is_arabic_mark('\u{64B}'));
        assert!(!is_arabic_mark('\u{64A}'));
    }
}
