//! The interface's words: one table per language, `assets/i18n/CODE.toml`.
//!
//! A table has a `[meta]` part (its name, its direction, the digits and the
//! calendar its readers expect) and a `[text]` part, one entry per key. English
//! is the reference: every other table has exactly its keys, with the same
//! `{placeholders}` (tests/i18n_tables.rs). Adding a language is adding a
//! table and a line to [`TABLES`].
//!
//! The reader carries its [`Lang`] (`App::lang`); the commands use the
//! process's, set once from `--lang`, the config's `ui.language` or the
//! locale ([`Lang::from_env`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use crate::layout::Direction;

/// The tables barg ships: language code and the table's TOML.
pub const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/i18n/en.toml")),
    ("fa", include_str!("../../assets/i18n/fa.toml")),
];

/// Which digits a language writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DigitSet {
    /// 0123456789
    Latin,
    /// ۰۱۲۳۴۵۶۷۸۹ (U+06F0–U+06F9, Extended Arabic-Indic)
    Persian,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669, Arabic-Indic)
    Arabic,
}

impl DigitSet {
    /// `digit` (0–9) in this set.
    pub fn digit(self, digit: u32) -> char {
        let base = match self {
            DigitSet::Latin => '0',
            DigitSet::Persian => '\u{06F0}',
            DigitSet::Arabic => '\u{0660}',
        };
        char::from_u32(base as u32 + digit.min(9)).unwrap_or(base)
    }

    /// The value of `c` if it is a digit of any of the three sets.
    pub fn value(c: char) -> Option<u32> {
        crate::layout::digit_value(c)
    }

    /// `text` with every digit of any set written in this one.
    pub fn apply(self, text: &str) -> Cow<'_, str> {
        let needs = text
            .chars()
            .any(|c| DigitSet::value(c).is_some_and(|v| self.digit(v) != c));
        if !needs {
            return Cow::Borrowed(text);
        }
        Cow::Owned(
            text.chars()
                .map(|c| DigitSet::value(c).map_or(c, |v| self.digit(v)))
                .collect(),
        )
    }
}

/// Which calendar a language's readers date things in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Gregorian,
    /// The Solar Hijri (Jalali) calendar, with Persian month names.
    Persian,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    name: String,
    direction: String,
    digits: DigitSet,
    calendar: Calendar,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    meta: Meta,
    text: HashMap<String, String>,
}

/// A table as read: its meta data and its texts.
#[derive(Debug)]
pub struct Table {
    pub code: &'static str,
    pub name: String,
    pub direction: Direction,
    pub digits: DigitSet,
    pub calendar: Calendar,
    pub text: HashMap<String, String>,
}

impl Table {
    /// The table `code` ships as `toml`; an error says what is wrong.
    pub fn parse(code: &'static str, toml_text: &str) -> Result<Table, String> {
        let file: TableFile =
            toml::from_str(toml_text).map_err(|e| format!("assets/i18n/{code}.toml: {e}"))?;
        let direction = match file.meta.direction.as_str() {
            "ltr" => Direction::Ltr,
            "rtl" => Direction::Rtl,
            other => return Err(format!("assets/i18n/{code}.toml: direction \"{other}\"")),
        };
        Ok(Table {
            code,
            name: file.meta.name,
            direction,
            digits: file.meta.digits,
            calendar: file.meta.calendar,
            text: file.text,
        })
    }
}

fn tables() -> &'static [Table] {
    static TABLES_READ: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES_READ.get_or_init(|| {
        TABLES
            .iter()
            .map(|&(code, text)| {
                // A table that does not read is a bug tests/i18n_tables.rs
                // catches; at run time its texts fall back to English.
                Table::parse(code, text).unwrap_or_else(|_| Table {
                    code,
                    name: code.to_string(),
                    direction: Direction::Ltr,
                    digits: DigitSet::Latin,
                    calendar: Calendar::Gregorian,
                    text: HashMap::new(),
                })
            })
            .collect()
    })
}

/// A language of the interface: one of [`TABLES`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    /// English, the reference table and the default.
    pub const ENGLISH: Lang = Lang(0);
    /// Persian.
    pub const PERSIAN: Lang = Lang(1);

    pub fn all() -> impl Iterator<Item = Lang> {
        (0..TABLES.len()).map(Lang)
    }

    fn table(self) -> &'static Table {
        &tables()[self.0]
    }

    /// Its code: "en", "fa".
    pub fn code(self) -> &'static str {
        TABLES[self.0].0
    }

    /// Its name in itself: "English", "فارسی".
    pub fn name(self) -> &'static str {
        &self.table().name
    }

    /// The direction of its interface: right to left mirrors the chrome.
    pub fn direction(self) -> Direction {
        self.table().direction
    }

    pub fn is_rtl(self) -> bool {
        self.direction() == Direction::Rtl
    }

    /// The digits of its interface.
    pub fn digit_set(self) -> DigitSet {
        self.table().digits
    }

    /// The calendar its dates are shown in.
    pub fn calendar(self) -> Calendar {
        self.table().calendar
    }

    /// The language a code names: "fa", "fa_IR", "fa-IR", "fa_IR.UTF-8",
    /// "FA"; None for codes barg has no table for.
    pub fn from_code(code: &str) -> Option<Lang> {
        let language = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::all().find(|lang| lang.code() == language)
    }

    /// The language the locale asks for: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty (as POSIX orders
    /// them), English if that is not a language barg has ("C", "POSIX").
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] with the environment given.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&var)
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_code(&value))
            .unwrap_or(Lang::ENGLISH)
    }

    /// The text of `key`: this table's, else English's, else the key (a
    /// missing key is a bug tests/i18n_tables.rs catches).
    pub fn t(self, key: &str) -> &'static str {
        let english = &tables()[0];
        self.table()
            .text
            .get(key)
            .or_else(|| english.text.get(key))
            .map_or_else(|| leak_key(key), String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value (digits
    /// as given: chrome numbers go through [`Lang::digits`]).
    /// One pass over the text: a value that holds `{name}` (a file
    /// named so) is written as it is, never filled in again.
    pub fn f(self, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        let template = self.t(key);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                let (_, value) = args.iter().find(|(n, _)| *n == name)?;
                Some((value, close))
            });
            match value {
                Some((value, close)) => {
                    out.push_str(&value.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// `text` (chrome: counts, positions, percentages) in the language's
    /// digits. Not for article text: see the `digits` setting.
    pub fn digits(self, text: &str) -> Cow<'_, str> {
        self.digit_set().apply(text)
    }

    /// The codes barg has, for messages: `"en" or "fa"`. (Not
    /// `error::one_of`: error messages come from these tables.)
    pub fn codes() -> String {
        let quoted: Vec<String> = Lang::all().map(|l| format!("\"{}\"", l.code())).collect();
        match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

fn leak_key(key: &str) -> &'static str {
    // Keys are few and fixed; a missing one is shown as itself.
    static MISSING: OnceLock<std::sync::Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let Ok(mut missing) = MISSING.get_or_init(Default::default).lock() else {
        return "?";
    };
    missing
        .entry(key.to_string())
        .or_insert_with(|| Box::leak(key.to_string().into_boxed_str()))
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang::ENGLISH
    }
}

impl TryFrom<String> for Lang {
    type Error = String;
    fn try_from(code: String) -> Result<Lang, String> {
        Lang::from_code(&code).ok_or_else(|| {
            Lang::ENGLISH.f(
                "lang.unknown",
                &[
                    ("name", &crate::safe::visible(&code)),
                    ("expected", &Lang::codes()),
                ],
            )
        })
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(deserializer)?;
        Lang::try_from(code).map_err(serde::de::Error::custom)
    }
}

static PROCESS: AtomicUsize = AtomicUsize::new(0);

/// The language of this process's commands (messages, lists, progress).
pub fn process() -> Lang {
    let index = PROCESS.load(Ordering::Relaxed);
    if index < TABLES.len() {
        Lang(index)
    } else {
        Lang::ENGLISH
    }
}

/// Set once by `main` from `--lang`, the config or the locale.
pub fn set_process(lang: Lang) {
    PROCESS.store(lang.0, Ordering::Relaxed);
}

/// `--lang` if given, else the config's `ui.language`, else the locale.
pub fn choose(flag: Option<Lang>, config: Option<Lang>) -> Lang {
    flag.or(config).unwrap_or_else(Lang::from_env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_give_their_language() {
        let env = |all: &str, messages: &str, lang: &str| {
            let (all, messages, lang) = (all.to_string(), messages.to_string(), lang.to_string());
            Lang::from_locale(move |name| match name {
                "LC_ALL" => Some(all.clone()),
                "LC_MESSAGES" => Some(messages.clone()),
                "LANG" => Some(lang.clone()),
                _ => None,
            })
        };
        assert_eq!(env("", "", "fa_IR.UTF-8"), Lang::PERSIAN);
        assert_eq!(env("", "", "en_US.UTF-8"), Lang::ENGLISH);
        assert_eq!(env("C", "", "fa_IR.UTF-8"), Lang::ENGLISH);
        assert_eq!(env("", "fa_AF", "en_GB"), Lang::PERSIAN);
        assert_eq!(env("", "", "de_DE.UTF-8"), Lang::ENGLISH);
        assert_eq!(env("", "", ""), Lang::ENGLISH);
    }

    #[test]
    fn digits_of_any_set_are_written_in_the_chosen_one() {
        assert_eq!(Lang::PERSIAN.digits("12/340 · 7%"), "۱۲/۳۴۰ · ۷%");
        assert_eq!(Lang::ENGLISH.digits("۱۲ and ٣"), "12 and 3");
        assert!(matches!(Lang::ENGLISH.digits("12"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_value_is_filled_in_once_even_when_it_holds_a_placeholder() {
        let text = Lang::ENGLISH.f(
            "lang.unknown",
            &[("name", &"{expected}"), ("expected", &"\"en\"")],
        );
        assert_eq!(text, "unknown language \"{expected}\"; expected \"en\"");
        // A placeholder with no value, and a lone brace, stay as written.
        assert_eq!(
            Lang::ENGLISH.f("lang.unknown", &[]),
            "unknown language \"{name}\"; expected {expected}"
        );
    }

    #[test]
    fn an_unknown_code_names_the_known_ones() {
        let error = Lang::try_from("xx\u{1b}".to_string()).expect_err("xx is no language");
        assert_eq!(
            error,
            "unknown language \"xx\\u{1b}\"; expected \"en\" or \"fa\""
        );
    }
}
