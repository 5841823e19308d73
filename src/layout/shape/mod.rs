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

/// Does a character of this type connect to the character after it (in logical order)?
pub fn joins_forward(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::LeftJoining | JoiningType::JoinCausing
    )
}

/// Does a character of this type connect to the character before it?
pub fn joins_backward(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::RightJoining | JoiningType::JoinCausing
    )
}

fn forms_of(c: char) -> Option<&'static [u32; 4]> {
    table::FORMS
        .binary_search_by_key(&c, |&(base, _)| base)
        .ok()
        .map(|i| &table::FORMS[i].1)
}

/// The presentation form of `c` for the given joins; `c` itself when Unicode
/// encodes no such form.
pub fn shaped(c: char, joins_previous: bool, joins_next: bool) -> char {
    let Some(forms) = forms_of(c) else {
        return c;
    };
    let form = Form::from_joins(joins_previous, joins_next);
    let pick = |f: Form| forms[f as usize];
    // A letter that joins on one side only may lack the form for both sides.
    let code = [form, fallback(form), Form::Isolated]
        .into_iter()
        .map(pick)
        .find(|&code| code != 0)
        .unwrap_or(0);
    char::from_u32(code).filter(|_| code != 0).unwrap_or(c)
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
    fn lam_alef_ligatures() {
        assert_eq!(lam_alef('ا', false), Some('\u{FEFB}'));
        assert_eq!(lam_alef('ا', true), Some('\u{FEFC}'));
        assert_eq!(lam_alef('آ', false), Some('\u{FEF5}'));
        assert_eq!(lam_alef('ب', false), None);
    }
}
