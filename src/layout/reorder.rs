//! Step 6: reorder one line for display (UAX #9 rules L1 and L2).
//!
//! The caller works on graphemes, not chars, so L3 (marks after their base)
//! holds by construction, and mirrors characters at odd levels (L4) as it
//! writes them. These functions take the line's own slice of levels: never the
//! whole paragraph's, which would make a long paragraph quadratic.

/// What rule L1 needs to know about a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L1Class {
    /// Anything that keeps its resolved level.
    Other,
    /// Whitespace (WS), isolate initiators and PDI, and the characters removed
    /// by rule X9 (embeddings, overrides, PDF, BN).
    Whitespace,
    /// Segment (S) or paragraph (B) separator.
    Separator,
}

impl L1Class {
    pub fn of(class: unicode_bidi::BidiClass) -> L1Class {
        use unicode_bidi::BidiClass::*;
        match class {
            S | B => L1Class::Separator,
            WS | FSI | LRI | RLI | PDI | LRE | RLE | LRO | RLO | PDF | BN => L1Class::Whitespace,
            _ => L1Class::Other,
        }
    }
}

/// Rule L1: separators, the whitespace before them, and the whitespace at the
/// end of the line take the paragraph level.
pub fn reset_whitespace(levels: &mut [u8], classes: &[L1Class], paragraph_level: u8) {
    debug_assert_eq!(levels.len(), classes.len());
    reset_whitespace_of(levels, classes.iter().copied(), paragraph_level);
}

/// [`reset_whitespace`] with the classes given one per level.
pub fn reset_whitespace_of(
    levels: &mut [u8],
    classes: impl DoubleEndedIterator<Item = L1Class> + ExactSizeIterator,
    paragraph_level: u8,
) {
    let mut resetting = true; // walking backwards through trailing whitespace
    for (level, class) in levels.iter_mut().zip(classes).rev() {
        match class {
            L1Class::Separator => {
                *level = paragraph_level;
                resetting = true;
            }
            L1Class::Whitespace if resetting => *level = paragraph_level,
            L1Class::Whitespace => {}
            L1Class::Other => resetting = false,
        }
    }
}

/// Rule L2: the visual order of a line as indices into `levels`, built by
/// reversing every run at or above each level, from the highest level down
/// to the lowest odd one.
pub fn visual_order(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    let (min, max) = levels
        .iter()
        .fold((u8::MAX, 0), |(min, max), &l| (min.min(l), max.max(l)));
    if min >= max {
        // One level (or none): the line reads one way.
        if max % 2 == 1 {
            order.extend((0..levels.len()).rev());
        } else {
            order.extend(0..levels.len());
        }
        return;
    }
    order.extend(0..levels.len());
    let lowest_odd = min | 1;
    let mut level = max;
    while level >= lowest_odd {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(levels: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        visual_order(levels, &mut out);
        out
    }

    #[test]
    fn rtl_run_is_reversed() {
        assert_eq!(order(&[1, 1, 1]), [2, 1, 0]);
    }

    #[test]
    fn ltr_number_inside_rtl_keeps_its_order() {
        // "AB 12 CD" in an RTL paragraph: the digits are at level 2.
        assert_eq!(order(&[1, 1, 2, 2, 1, 1]), [5, 4, 2, 3, 1, 0]);
    }

    #[test]
    fn trailing_whitespace_goes_to_paragraph_level() {
        use L1Class::*;
        let mut levels = [2, 2, 2, 2];
        reset_whitespace(&mut levels, &[Other, Whitespace, Other, Whitespace], 1);
        assert_eq!(levels, [2, 2, 2, 1]);
        let mut levels = [2, 2, 2];
        reset_whitespace(&mut levels, &[Whitespace, Separator, Other], 1);
        assert_eq!(levels, [1, 1, 2]);
    }

    #[test]
    fn deepest_levels_do_not_overflow() {
        assert_eq!(order(&[126, 125]), [1, 0]);
        assert_eq!(order(&[0, 0]), [0, 1]);
    }
}
