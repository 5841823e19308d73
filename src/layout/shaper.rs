//! Step 3 of the pipeline: graphemes, in logical order, become units: each
//! shaped (Arabic-script joining, lam-alef ligatures), measured and told
//! apart as visible, whitespace, tab or dropped. The joining state runs
//! across graphemes, so this is a small state machine over the paragraph.
//!
//! Input: the paragraph's text and the level of every byte. Output: one
//! [`Unit`] per grapheme, its drawn text appended to a shared buffer.

use unicode_joining_type::JoiningType;

use super::chars;
use super::reorder::L1Class;
use super::sanitize;
use super::shape;

/// A grapheme of the paragraph, shaped, in logical order.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit {
    pub(super) start: u32,
    pub(super) end: u32,
    /// Where its drawn text lies in the shaped buffer.
    pub(super) out_start: u32,
    pub(super) out_end: u32,
    pub(super) width: u16,
    pub(super) level: u8,
    pub(super) kind: UnitKind,
    pub(super) break_before: bool,
    /// Some character has a mirrored glyph (L4), at an odd level.
    pub(super) mirrors: bool,
    /// What rule L1 sees: a dropped direction mark (LRM, RLM, ALM) is a
    /// strong character, not whitespace, so a space before it does not hang.
    pub(super) l1: L1Class,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnitKind {
    Visible,
    /// Whitespace: hangs at the end of a line, taking no room there.
    Space,
    Tab,
    /// Nothing to draw: controls, bidi formatting, joiners.
    Dropped,
}

impl Unit {
    /// Whitespace (and what goes with it) at the end of a line is not drawn.
    pub(super) fn hangs(&self) -> bool {
        self.l1 != L1Class::Other
    }
}

/// Shapes graphemes one after another, remembering the previous joining letter.
pub(super) struct Shaper<'a> {
    text: &'a str,
    levels: &'a [u8],
    /// The last non-transparent character: its joining type and level.
    previous: Option<(JoiningType, u8)>,
    shaping: bool,
    /// Unshaped logical text is for a terminal that shapes it itself and
    /// needs the joiners (ZWNJ keeps "کتاب‌ها" apart) after their letters.
    keep_joiners: bool,
}

impl<'a> Shaper<'a> {
    pub(super) fn new(text: &'a str, levels: &'a [u8], shaping: bool, keep_joiners: bool) -> Self {
        Shaper {
            text,
            levels,
            previous: None,
            shaping,
            keep_joiners,
        }
    }

    pub(super) fn unit<'t>(
        &mut self,
        start: usize,
        grapheme: &'t str,
        graphemes: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'t str)>>,
        out: &mut String,
        break_before: bool,
    ) -> Unit {
        let out_start = out.len();
        let mut end = start + grapheme.len();
        let mut first_drawn = None;
        let mut absorb_alef = None;
        let next_start = graphemes.peek().map(|&(at, _)| at);
        for (offset, c) in grapheme.char_indices() {
            let pos = start + offset;
            let drawn = if self.shaping {
                match self.shape(c, pos, next_start) {
                    Shaped::Char(s) => s,
                    Shaped::LamAlef(ligature, alef_at) => {
                        absorb_alef = Some(alef_at);
                        ligature
                    }
                }
            } else {
                c
            };
            if !sanitize::is_dropped(c) {
                first_drawn.get_or_insert(pos);
                out.push(drawn);
            } else if self.keep_joiners && offset > 0 && matches!(c, '\u{200C}' | '\u{200D}') {
                out.push(c);
            }
        }
        // The alef of a lam-alef ligature is the next grapheme: fold it into
        // this cell, keeping its marks.
        if let Some(alef_at) = absorb_alef
            && let Some((alef_start, next)) = graphemes.next_if(|&(at, _)| at == alef_at)
        {
            let alef_len = next.chars().next().map_or(0, char::len_utf8);
            for c in next[alef_len..].chars() {
                if !sanitize::is_dropped(c) {
                    out.push(c);
                }
            }
            end = alef_start + next.len();
        }

        let mut unit = Unit {
            start: start as u32,
            end: end as u32,
            out_start: out_start as u32,
            out_end: out.len() as u32,
            width: 0,
            level: 0,
            kind: UnitKind::Dropped,
            break_before,
            mirrors: false,
            l1: grapheme
                .chars()
                .next()
                .map_or(L1Class::Whitespace, |c| L1Class::of(chars::bidi_class(c))),
        };
        let Some(first) = first_drawn else {
            return unit;
        };
        let drawn = chars::grapheme_info(&out[out_start..]);
        let kind = if out[out_start..].starts_with('\t') {
            UnitKind::Tab
        } else if drawn.whitespace {
            UnitKind::Space
        } else {
            UnitKind::Visible
        };
        let mut width = drawn.width;
        if width == 0 && kind == UnitKind::Visible {
            // A mark with no base (or another zero-width grapheme) still gets
            // a cell of its own, on a space, so no terminal puts it elsewhere.
            out.insert(out_start, ' ');
            width = 1;
        }
        unit.out_end = out.len() as u32;
        unit.width = width.min(2) as u16;
        unit.level = self.levels[first];
        unit.kind = kind;
        unit.mirrors = drawn.mirrors;
        unit.l1 = match kind {
            UnitKind::Visible => L1Class::Other,
            UnitKind::Space => L1Class::Whitespace,
            UnitKind::Tab => L1Class::Separator,
            UnitKind::Dropped => unit.l1,
        };
        unit
    }

    /// The form of `c` at `pos`, updating the joining state. A lam-alef
    /// ligature needs the alef right after the lam, beginning the next
    /// grapheme at `next_start`: a mark on the lam keeps the two letters
    /// apart, as in FriBidi, so every mark stays on its own letter.
    fn shape(&mut self, c: char, pos: usize, next_start: Option<usize>) -> Shaped {
        let joining = shape::joining_type(c);
        if joining == JoiningType::Transparent {
            return Shaped::Char(c);
        }
        let level = self.levels[pos];
        let joins_previous = shape::joins_backward(joining)
            && self
                .previous
                .is_some_and(|(t, l)| shape::joins_forward(t) && l == level);
        self.previous = Some((joining, level));
        if joining == JoiningType::NonJoining || joining == JoiningType::JoinCausing {
            return Shaped::Char(c);
        }
        let next = self.next_joining(pos + c.len_utf8(), level);
        if c == shape::LAM
            && let Some((alef, alef_at)) = next
            && alef_at == pos + c.len_utf8()
            && next_start == Some(alef_at)
            && let Some(ligature) = shape::lam_alef(alef, joins_previous)
        {
            // The alef ends the join: nothing after it connects to the ligature.
            self.previous = Some((JoiningType::RightJoining, level));
            return Shaped::LamAlef(ligature, alef_at);
        }
        let joins_next = shape::joins_forward(joining)
            && next.is_some_and(|(n, _)| shape::joins_backward(shape::joining_type(n)));
        Shaped::Char(shape::shaped(c, joins_previous, joins_next))
    }

    /// The next non-transparent character after `from`, if it is at `level`.
    fn next_joining(&self, from: usize, level: u8) -> Option<(char, usize)> {
        let (offset, c) = self.text[from..]
            .char_indices()
            .find(|&(_, c)| shape::joining_type(c) != JoiningType::Transparent)?;
        let at = from + offset;
        (self.levels[at] == level).then_some((c, at))
    }
}

enum Shaped {
    Char(char),
    /// A lam-alef ligature, and the offset of the alef it swallows.
    LamAlef(char, usize),
}
