//! Dates as a person reads them: a stored timestamp (RFC 3339) or a bare
//! date, in the reader's time zone and the calendar of the interface's
//! language. Persian: the Solar Hijri (Jalali) calendar with Persian month
//! names and digits, `۲۶ اردیبهشت ۱۴۰۴`; English: the Gregorian date as the
//! screens have always shown it, `2025-05-16`, which fits a narrow column.
//!
//! The calendar arithmetic is ICU4X's (`icu_calendar`), the civil time and
//! time zones jiff's: none of it is written here. What is stored and what
//! JSON gives stays RFC 3339 in UTC; only what a person reads changes.

use icu_calendar::Date;
use icu_calendar::cal::Persian;
use jiff::Timestamp;
use jiff::civil;
use jiff::tz::TimeZone;

use crate::i18n::{Calendar, Lang};

/// The months of the Solar Hijri year, from Farvardin (which starts at
/// Nowruz, the March equinox).
pub const PERSIAN_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// How dates are shown: in a language's calendar and digits, at a time zone.
#[derive(Clone, Debug)]
pub struct DateStyle {
    lang: Lang,
    zone: TimeZone,
}

impl DateStyle {
    /// Dates in `lang`, in this system's time zone (UTC when it has none
    /// barg can read).
    pub fn local(lang: Lang) -> DateStyle {
        DateStyle::at(lang, TimeZone::try_system().unwrap_or(TimeZone::UTC))
    }

    /// Dates in `lang` at the time zone `zone`.
    pub fn at(lang: Lang, zone: TimeZone) -> DateStyle {
        DateStyle { lang, zone }
    }

    /// The day of `stamp`, as a person reads it: `۲۶ اردیبهشت ۱۴۰۴` or
    /// `2025-05-16`. A timestamp is first moved to the time zone; a bare date
    /// (`2025-05-16`) is that day. Anything else is shown as it is written,
    /// cut to ten characters and stripped of controls.
    pub fn date(&self, stamp: &str) -> String {
        match parse(stamp, &self.zone) {
            Some((day, _)) => self.day(day),
            None => unreadable(stamp, 10),
        }
    }

    /// `date`, with the time of day when `stamp` has one: `۴ آذر ۱۴۰۴، ۱۷:۳۳`
    /// or `2025-11-25 14:03`.
    pub fn date_time(&self, stamp: &str) -> String {
        match parse(stamp, &self.zone) {
            Some((day, Some(time))) => {
                let clock = format!("{:02}:{:02}", time.hour(), time.minute());
                let separator = match self.lang.calendar() {
                    Calendar::Persian => "، ",
                    Calendar::Gregorian => " ",
                };
                format!("{}{separator}{}", self.day(day), self.lang.digits(&clock))
            }
            Some((day, None)) => self.day(day),
            None => unreadable(stamp, 16),
        }
    }

    fn day(&self, day: civil::Date) -> String {
        match self.lang.calendar() {
            Calendar::Persian => match jalali(day) {
                Some((year, month, day)) => {
                    let name = PERSIAN_MONTHS
                        .get(usize::from(month).wrapping_sub(1))
                        .copied()
                        .unwrap_or_default();
                    self.lang
                        .digits(&format!("{day} {name} {year}"))
                        .into_owned()
                }
                None => self.lang.digits(&day.to_string()).into_owned(),
            },
            Calendar::Gregorian => self.lang.digits(&day.to_string()).into_owned(),
        }
    }
}

/// The day (and time of day, when it has one) that `stamp` names at `zone`.
fn parse(stamp: &str, zone: &TimeZone) -> Option<(civil::Date, Option<civil::Time>)> {
    let stamp = stamp.trim();
    if let Ok(time) = stamp.parse::<Timestamp>() {
        let local = zone.to_datetime(time);
        return Some((local.date(), Some(local.time())));
    }
    // No offset: the time is already the one to show.
    if let Ok(local) = stamp.parse::<civil::DateTime>()
        && stamp.len() > 10
    {
        return Some((local.date(), Some(local.time())));
    }
    stamp.parse::<civil::Date>().ok().map(|day| (day, None))
}

/// A Gregorian day as (year, month, day) of the Solar Hijri calendar.
pub fn jalali(day: civil::Date) -> Option<(i32, u8, u8)> {
    let iso = Date::try_new_iso(
        i32::from(day.year()),
        u8::try_from(day.month()).ok()?,
        u8::try_from(day.day()).ok()?,
    )
    .ok()?;
    let persian = iso.to_calendar(Persian);
    Some((
        persian.era_year().year,
        persian.month().ordinal,
        persian.day_of_month().0,
    ))
}

/// What a stored date that does not parse (a hand edit) shows: its start.
fn unreadable(stamp: &str, chars: usize) -> String {
    let kept: String = crate::safe::strip(stamp).chars().take(chars).collect();
    kept.replace(['\n', '\t'], " ")
}

/// `date` in `lang` at this system's time zone.
pub fn date(stamp: &str, lang: Lang) -> String {
    DateStyle::local(lang).date(stamp)
}

/// `date_time` in `lang` at this system's time zone.
pub fn date_time(stamp: &str, lang: Lang) -> String {
    DateStyle::local(lang).date_time(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_stamp_shows_its_start_without_controls() {
        let style = DateStyle::at(Lang::PERSIAN, TimeZone::UTC);
        assert_eq!(style.date("yesterday\u{1b}[2J, late"), "yesterday[");
        assert_eq!(style.date(""), "");
    }
}
