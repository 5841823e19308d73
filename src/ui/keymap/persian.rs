//! Keys typed with the Persian keyboard layout, and digits of three scripts.

/// The key at the same place on a US QWERTY keyboard for a character typed
/// with the standard Persian layout (ISIRI 9147), e.g. 'ت' → 'j', 'ن' → 'k';
/// Persian (۰–۹) and Arabic-Indic (٠–٩) digits → '0'–'9'. None for other
/// characters, ASCII included.
///
/// Transcribed from xkeyboard-config's `symbols/ir`, layout "pes" (ISIRI 9147,
/// by Behnam Esfahbod), levels 1 and 2; where the Persian layout types an
/// ASCII character itself (".", "/", "(", ")", "[", "]") that character is left as it is.
pub fn latin_equivalent(c: char) -> Option<char> {
    if let Some(d) = digit_value(c) {
        return (!c.is_ascii_digit()).then(|| char::from(b'0' + d as u8));
    }
    let latin = match c {
        // Number row, shifted
        '\u{066C}' => '@', // ARABIC THOUSANDS SEPARATOR
        '\u{066B}' => '#', // ARABIC DECIMAL SEPARATOR
        '\u{FDFC}' => '$', // RIAL SIGN
        '\u{066A}' => '%', // ARABIC PERCENT SIGN
        '\u{00D7}' => '^', // ×
        '\u{060C}' => '&', // ARABIC COMMA
        '\u{200D}' => '`', // ZERO WIDTH JOINER
        '\u{00F7}' => '~', // ÷
        '\u{0640}' => '_', // TATWEEL
        // Top row
        'ض' => 'q',
        'ص' => 'w',
        'ث' => 'e',
        'ق' => 'r',
        'ف' => 't',
        'غ' => 'y',
        'ع' => 'u',
        'ه' => 'i',
        'خ' => 'o',
        'ح' => 'p',
        'ج' => '[',
        'چ' => ']',
        '\u{0652}' => 'Q', // SUKUN
        '\u{064C}' => 'W', // DAMMATAN
        '\u{064D}' => 'E', // KASRATAN
        '\u{064B}' => 'R', // FATHATAN
        '\u{064F}' => 'T', // DAMMA
        '\u{0650}' => 'Y', // KASRA
        '\u{064E}' => 'U', // FATHA
        '\u{0651}' => 'I', // SHADDA
        // Home row
        'ش' => 'a',
        'س' => 's',
        'ی' => 'd',
        'ب' => 'f',
        'ل' => 'g',
        'ا' => 'h',
        'ت' => 'j',
        'ن' => 'k',
        'م' => 'l',
        'ک' => ';',
        'گ' => '\'',
        'ؤ' => 'A',
        'ئ' => 'S',
        'ي' => 'D', // ARABIC LETTER YEH
        'إ' => 'F',
        'أ' => 'G',
        'آ' => 'H',
        'ة' => 'J',
        '»' => 'K',
        '«' => 'L',
        '؛' => '"',
        // Bottom row
        'ظ' => 'z',
        'ط' => 'x',
        'ز' => 'c',
        'ر' => 'v',
        'ذ' => 'b',
        'د' => 'n',
        'پ' => 'm',
        'و' => ',',
        'ك' => 'Z',        // ARABIC LETTER KAF
        '\u{0653}' => 'X', // MADDAH ABOVE
        'ژ' => 'C',
        '\u{0670}' => 'V', // SUPERSCRIPT ALEF
        '\u{200C}' => 'B', // ZERO WIDTH NON-JOINER
        '\u{0654}' => 'N', // HAMZA ABOVE
        'ء' => 'M',
        '؟' => '?',
        _ => return None,
    };
    Some(latin)
}

/// The value of a digit typed for a count: Latin, Persian (۰–۹) or Arabic-Indic (٠–٩).
pub use crate::layout::digit_value;

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn the_persian_table_maps_each_latin_key_once() {
        let mut seen = HashMap::new();
        let others = ['\u{200C}', '\u{200D}', '«', '»', '×', '÷', '\u{FDFC}'];
        for c in ('\u{0600}'..='\u{06FF}').chain(others) {
            let Some(latin) = latin_equivalent(c) else {
                continue;
            };
            if digit_value(c).is_some() {
                continue;
            }
            if let Some(other) = seen.insert(latin, c) {
                panic!("{other:?} and {c:?} both map to {latin:?}");
            }
        }
        // 9 on the number row, 20 on the top row, 21 on the home row, 16 below.
        assert_eq!(seen.len(), 66);
    }

    #[test]
    fn digits_of_three_scripts() {
        assert_eq!(digit_value('5'), Some(5));
        assert_eq!(digit_value('۵'), Some(5));
        assert_eq!(digit_value('٧'), Some(7));
        assert_eq!(digit_value('a'), None);
        assert_eq!(latin_equivalent('۰'), Some('0'));
        assert_eq!(latin_equivalent('٩'), Some('9'));
        assert_eq!(latin_equivalent('5'), None);
        assert_eq!(latin_equivalent('j'), None);
    }
}
