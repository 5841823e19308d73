//! Step 3: Arabic-script joining, in logical order.
//!
//! Each letter takes its isolated, initial, medial or final presentation form
//! from its neighbours' joining types (ArabicShaping.txt via
//! `unicode-joining-type`). Transparent characters (harakat, U+0670, …) are
//! skipped when looking for neighbours; ZWNJ breaks a join, ZWJ and tatweel
//! cause one; a join never crosses a change of embedding level. Lam followed by
//! alef becomes one ligature. The forms come from `table.rs`, generated from
//! UnicodeData.txt by `tools/gen_shaping_table.py`.

mod table;

use std::sync::LazyLock;

use unicode_joining_type::JoiningType;

pub const LAM: char = '\u{644}';

/// How a letter connects to its logical neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Isolated,
    Final,
    Initial,
    Medial,
}

impl Form {
    fn from_joins(joins_previous: bool, joins_next: bool) -> Form {
        match (joins_previous, joins_next) {
            (false, false) => Form::Isolated,
            (true, false) => Form::Final,
            (false, true) => Form::Initial,
            (true, true) => Form::Medial,
        }
    }
}

pub use super::chars::joining_type;

/// The joining types as bits of a mask. The joins are tested for every
/// letter, and which letters join is as unpredictable as the text: a mask
/// is tested without a branch.
const fn bit(t: JoiningType) -> u8 {
    1 << t as u8
}

const JOINS_FORWARD: u8 =
    bit(JoiningType::DualJoining) | bit(JoiningType::LeftJoining) | bit(JoiningType::JoinCausing);
const JOINS_BACKWARD: u8 =
    bit(JoiningType::DualJoining) | bit(JoiningType::RightJoining) | bit(JoiningType::JoinCausing);

/// Does a character of this type connect to the character after it (in logical order)?
#[inline]
pub fn joins_forward(t: JoiningType) -> bool {
    JOINS_FORWARD & bit(t) != 0
}

/// Does a character of this type connect to the character before it?
#[inline]
pub fn joins_backward(t: JoiningType) -> bool {
    JOINS_BACKWARD & bit(t) != 0
}

/// The letters with presentation forms lie in U+0620..U+06D4 (checked by a
/// test against the generated table).
const FIRST: u32 = 0x620;
const END: u32 = 0x6D4;

/// For every letter of the Arabic block, the char to draw for each form,
/// with the fallbacks already applied: a dense table built once from the
/// generated one, so shaping a letter is one index.
static DRAWN: LazyLock<Vec<[char; 4]>> = LazyLock::new(|| {
    (FIRST..END)
        .map(|code| {
            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
            let forms = table::FORMS
                .binary_search_by_key(&c, |&(base, _)| base)
                .ok()
                .map(|i| table::FORMS[i].1);
            let mut drawn = [c; 4];
            if let Some(forms) = forms {
                for form in [Form::Isolated, Form::Final, Form::Initial, Form::Medial] {
                    // A letter that joins on one side only lacks some forms.
                    drawn[form as usize] = [form, fallback(form), Form::Isolated]
                        .into_iter()
                        .map(|f| forms[f as usize])
                        .find(|&code| code != 0)
                        .and_then(char::from_u32)
                        .unwrap_or(c);
                }
            }
            drawn
        })
        .collect()
});

/// What to draw of `c` in each form, indexed by [`Form`]: `c` itself when
/// Unicode encodes no such form.
pub fn forms_of(c: char) -> [char; 4] {
    let code = c as u32;
    if !(FIRST..END).contains(&code) {
        return [c; 4];
    }
    DRAWN[(code - FIRST) as usize]
}

/// The index of the form of a letter with these joins in [`forms_of`].
#[inline]
pub fn form_index(joins_previous: bool, joins_next: bool) -> usize {
    Form::from_joins(joins_previous, joins_next) as usize
}

/// The presentation form of `c` for the given joins; `c` itself when Unicode
/// encodes no such form.
pub fn shaped(c: char, joins_previous: bool, joins_next: bool) -> char {
    let code = c as u32;
    if !(FIRST..END).contains(&code) {
        return c;
    }
    let form = Form::from_joins(joins_previous, joins_next);
    DRAWN[(code - FIRST) as usize][form as usize]
}

fn fallback(form: Form) -> Form {
    match form {
        Form::Medial => Form::Final,
        Form::Initial => Form::Isolated,
        other => other,
    }
}

/// The lam-alef ligature for lam followed by `alef`, if `alef` is one of
/// آ أ إ ا: its final form when the lam joins the letter before it.
pub fn lam_alef(alef: char, joins_previous: bool) -> Option<char> {
    table::LAM_ALEF
        .iter()
        .find(|&&(a, _, _)| a == alef)
        .map(|&(_, isolated, fin)| if joins_previous { fin } else { isolated })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shaper draws a form without looking it up: every form and
    /// ligature the table gives must be what `PRESENTATION_FORM` says.
    #[test]
    fn every_form_is_one_column_a_letter_and_unmirrored() {
        use super::super::chars::{GraphemeInfo, grapheme_info};
        let mut forms: Vec<char> = (FIRST..END)
            .filter_map(char::from_u32)
            .flat_map(|c| forms_of(c).into_iter().filter(move |&f| f != c))
            .collect();
        forms.extend(table::LAM_ALEF.iter().flat_map(|&(_, i, f)| [i, f]));
        assert!(forms.len() > 200, "{} forms", forms.len());
        for form in forms {
            assert_eq!(
                grapheme_info(&form.to_string()),
                GraphemeInfo::PRESENTATION_FORM,
                "U+{:04X}",
                form as u32
            );
        }
    }

    #[test]
    fn joins_follow_the_joining_types() {
        use JoiningType::*;
        let forward = [DualJoining, LeftJoining, JoinCausing];
        let backward = [DualJoining, RightJoining, JoinCausing];
        for t in [
            DualJoining,
            JoinCausing,
            LeftJoining,
            NonJoining,
            RightJoining,
            Transparent,
        ] {
            assert_eq!(joins_forward(t), forward.contains(&t), "{t:?}");
            assert_eq!(joins_backward(t), backward.contains(&t), "{t:?}");
        }
    }

    #[test]
    fn beh_has_four_forms() {
        assert_eq!(shaped('ب', false, false), '\u{FE8F}');
        assert_eq!(shaped('ب', true, false), '\u{FE90}');
        assert_eq!(shaped('ب', false, true), '\u{FE91}');
        assert_eq!(shaped('ب', true, true), '\u{FE92}');
    }

    #[test]
    fn right_joining_letters_fall_back_to_final() {
        // dal has no medial form: joined on both sides it is final.
        assert_eq!(shaped('د', true, true), '\u{FEAA}');
        assert_eq!(shaped('د', false, true), '\u{FEA9}');
    }

    #[test]
    fn persian_letters_are_in_the_table() {
        for (c, isolated) in [
            ('پ', '\u{FB56}'),
            ('چ', '\u{FB7A}'),
            ('ژ', '\u{FB8A}'),
            ('گ', '\u{FB92}'),
            ('ک', '\u{FB8E}'),
            ('ی', '\u{FBFC}'),
        ] {
            assert_eq!(shaped(c, false, false), isolated, "{c}");
        }
    }

    #[test]
    fn every_letter_with_forms_is_in_the_dense_range() {
        for &(base, _) in table::FORMS {
            assert!((FIRST..END).contains(&(base as u32)), "{base:?}");
        }
    }

    #[test]
    fn lam_alef_ligatures() {
        assert_eq!(lam_alef('ا', false), Some('\u{FEFB}'));
        assert_eq!(lam_alef('ا', true), Some('\u{FEFC}'));
        assert_eq!(lam_alef('آ', false), Some('\u{FEF5}'));
        assert_eq!(lam_alef('ب', false), None);
    }
}
