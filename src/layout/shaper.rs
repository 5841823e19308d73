//! Step 3 of the pipeline: graphemes, in logical order, become units: each
//! shaped (Arabic-script joining, lam-alef ligatures), measured and told
//! apart as visible, whitespace, tab or dropped. The joining state runs
//! across graphemes, so this is a small state machine over the paragraph.
//!
//! Input: the paragraph's text and the level of every byte. Output: one
//! [`Unit`] per grapheme, its drawn text appended to a shared buffer.

use std::iter::Peekable;

use unicode_joining_type::JoiningType;

use super::chars::{self, Grapheme, Graphemes};
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
    table: &'static chars::Table,
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
            table: chars::table(),
            shaping,
            keep_joiners,
        }
    }

    #[inline(always)]
    pub(super) fn unit<'t>(
        &mut self,
        this: Grapheme,
        graphemes: &mut Peekable<Graphemes<'t>>,
        out: &mut String,
        break_before: bool,
    ) -> Unit {
        let start = this.start;
        let next = graphemes.peek().copied();
        // Most graphemes are one character that is drawn: a letter, a digit,
        // a space. Their properties come from one look-up in the table.
        if let Some((c, info)) = this.single
            && !info.dropped
            && c != '\t'
        {
            let out_start = out.len();
            let mut end = this.end;
            let (drawn, absorb_alef) = if self.shaping {
                match self.shape(c, info.joining, Some(&info.forms), start, end, next) {
                    Shaped::Char(s) => (s, None),
                    Shaped::LamAlef(ligature, alef_at) => (ligature, Some(alef_at)),
                }
            } else {
                (c, None)
            };
            out.push(drawn);
            if let Some(alef_at) = absorb_alef {
                end = absorb(self.text, graphemes, alef_at, out).unwrap_or(end);
            }
            let drawn_info = if drawn == c {
                chars::GraphemeInfo::of(info)
            } else if absorb_alef.is_some() && out.len() - out_start != drawn.len_utf8() {
                // An alef's marks came with it.
                chars::grapheme_info(&out[out_start..])
            } else {
                // A form from the shaping table.
                chars::GraphemeInfo::PRESENTATION_FORM
            };
            return self.finish(
                start,
                end,
                out_start,
                out,
                drawn_info,
                false,
                break_before,
                L1Class::Other,
            );
        }

        let grapheme = &self.text[start..this.end];
        let out_start = out.len();
        let mut end = this.end;
        let mut first_drawn = None;
        let mut absorb_alef = None;
        for (offset, c) in grapheme.char_indices() {
            let pos = start + offset;
            let drawn = if self.shaping {
                let after = pos + c.len_utf8();
                match self.shape(c, self.table.joining_type(c), None, pos, after, next) {
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
        if let Some(alef_at) = absorb_alef {
            end = absorb(self.text, graphemes, alef_at, out).unwrap_or(end);
        }
        let l1 = grapheme
            .chars()
            .next()
            .map_or(L1Class::Whitespace, |c| L1Class::of(chars::bidi_class(c)));
        let Some(first) = first_drawn else {
            return Unit {
                start: start as u32,
                end: end as u32,
                out_start: out_start as u32,
                out_end: out.len() as u32,
                width: 0,
                level: 0,
                kind: UnitKind::Dropped,
                break_before,
                mirrors: false,
                l1,
            };
        };
        let drawn = chars::grapheme_info(&out[out_start..]);
        let tab = out[out_start..].starts_with('\t');
        let mut unit = self.finish(first, end, out_start, out, drawn, tab, break_before, l1);
        unit.start = start as u32;
        unit
    }

    /// The unit of a drawn grapheme whose text is `out[out_start..]`, at the
    /// level of its first drawn character, at `first`.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn finish(
        &self,
        first: usize,
        end: usize,
        out_start: usize,
        out: &mut String,
        drawn: chars::GraphemeInfo,
        tab: bool,
        break_before: bool,
        l1: L1Class,
    ) -> Unit {
        let kind = if tab {
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
        Unit {
            start: first as u32,
            end: end as u32,
            out_start: out_start as u32,
            out_end: out.len() as u32,
            width: width.min(2) as u16,
            level: self.levels[first],
            kind,
            break_before,
            mirrors: drawn.mirrors,
            l1: match kind {
                UnitKind::Visible => L1Class::Other,
                UnitKind::Space => L1Class::Whitespace,
                UnitKind::Tab => L1Class::Separator,
                UnitKind::Dropped => l1,
            },
        }
    }

    /// The form of `c` at `pos` (its bytes end at `after`), updating the
    /// joining state. A lam-alef ligature needs the alef right after the
    /// lam, beginning `next_grapheme`: a mark on the lam keeps the two letters
    /// apart, as in FriBidi, so every mark stays on its own letter.
    #[inline(always)]
    fn shape(
        &mut self,
        c: char,
        joining: JoiningType,
        forms: Option<&[char; 4]>,
        pos: usize,
        after: usize,
        next_grapheme: Option<Grapheme>,
    ) -> Shaped {
        if joining == JoiningType::Transparent {
            return Shaped::Char(c);
        }
        let level = self.levels[pos];
        // `&`, not `&&`: both are cheap, and a branch on them mispredicts.
        let joins_previous = shape::joins_backward(joining)
            & self
                .previous
                .is_some_and(|(t, l)| shape::joins_forward(t) & (l == level));
        self.previous = Some((joining, level));
        if joining == JoiningType::NonJoining || joining == JoiningType::JoinCausing {
            return Shaped::Char(c);
        }
        let next = match next_grapheme {
            // The next grapheme, a letter right after this one, as it mostly is.
            Some(Grapheme {
                start,
                single: Some((n, info)),
                ..
            }) if start == after && info.joining != JoiningType::Transparent => {
                (self.levels[after] == level).then_some((n, info.joining, after))
            }
            _ => self.next_joining(after, level),
        };
        if c == shape::LAM
            && let Some((alef, _, alef_at)) = next
            && alef_at == after
            && next_grapheme.map(|g| g.start) == Some(alef_at)
            && let Some(ligature) = shape::lam_alef(alef, joins_previous)
        {
            // The alef ends the join: nothing after it connects to the ligature.
            self.previous = Some((JoiningType::RightJoining, level));
            return Shaped::LamAlef(ligature, alef_at);
        }
        let joins_next =
            shape::joins_forward(joining) & next.is_some_and(|(_, n, _)| shape::joins_backward(n));
        Shaped::Char(match forms {
            Some(forms) => forms[shape::form_index(joins_previous, joins_next)],
            None => shape::shaped(c, joins_previous, joins_next),
        })
    }

    /// The next non-transparent character after `from`, with its joining
    /// type, if it is at `level`.
    #[inline]
    fn next_joining(&self, from: usize, level: u8) -> Option<(char, JoiningType, usize)> {
        let (offset, c, joining) = self.text[from..].char_indices().find_map(|(offset, c)| {
            let joining = self.table.joining_type(c);
            (joining != JoiningType::Transparent).then_some((offset, c, joining))
        })?;
        let at = from + offset;
        (self.levels[at] == level).then_some((c, joining, at))
    }
}

/// Fold the alef of a lam-alef ligature, the grapheme at `alef_at`, into
/// the ligature's cell, keeping its marks: the end of the cell, if it is there.
fn absorb(
    text: &str,
    graphemes: &mut Peekable<Graphemes>,
    alef_at: usize,
    out: &mut String,
) -> Option<usize> {
    let alef = graphemes.next_if(|g| g.start == alef_at)?;
    let (alef_start, next) = (alef.start, &text[alef.start..alef.end]);
    let alef_len = next.chars().next().map_or(0, char::len_utf8);
    for c in next[alef_len..].chars() {
        if !sanitize::is_dropped(c) {
            out.push(c);
        }
    }
    Some(alef_start + next.len())
}

enum Shaped {
    Char(char),
    /// A lam-alef ligature, and the offset of the alef it swallows.
    LamAlef(char, usize),
}
