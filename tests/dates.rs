//! Dates as a person reads them: Solar Hijri (Jalali) with Persian month
//! names and digits for a Persian interface, Gregorian for an English one,
//! in the reader's time zone. Every Gregorian–Jalali pair here was checked
//! against Python's jdatetime 6.1 (`jdatetime.date.fromgregorian`).

use barg::dates::{DateStyle, PERSIAN_MONTHS, jalali};
use barg::i18n::Lang;
use jiff::civil::date;
use jiff::tz::{Offset, TimeZone};

fn persian_utc() -> DateStyle {
    DateStyle::at(Lang::PERSIAN, TimeZone::UTC)
}

fn english_utc() -> DateStyle {
    DateStyle::at(Lang::ENGLISH, TimeZone::UTC)
}

/// Tehran is three and a half hours ahead of UTC (no daylight saving
/// since 2022): a fixed zone, so the test does not need the system's tzdata.
fn tehran() -> TimeZone {
    TimeZone::fixed(Offset::from_seconds(3 * 3600 + 1800).expect("an offset"))
}

/// (Gregorian year, month, day) → (Jalali year, month, day)
#[track_caller]
fn pair(gregorian: (i16, i8, i8), expected: (i32, u8, u8)) {
    let day = date(gregorian.0, gregorian.1, gregorian.2);
    assert_eq!(jalali(day), Some(expected), "{day}");
}

#[test]
fn known_gregorian_jalali_pairs() {
    pair((2025, 5, 16), (1404, 2, 26));
    pair((1979, 2, 11), (1357, 11, 22));
    pair((2000, 1, 1), (1378, 10, 11));
    pair((2025, 11, 25), (1404, 9, 4));
    pair((2025, 12, 31), (1404, 10, 10));
}

#[test]
fn nowruz_is_the_first_of_farvardin() {
    pair((2023, 3, 21), (1402, 1, 1));
    pair((2024, 3, 20), (1403, 1, 1));
    pair((2025, 3, 21), (1404, 1, 1));
    pair((2026, 3, 21), (1405, 1, 1));
    pair((2027, 3, 21), (1406, 1, 1));
    // The eve of Nowruz is the last day of Esfand.
    pair((2024, 3, 19), (1402, 12, 29));
    pair((2026, 3, 20), (1404, 12, 29));
}

#[test]
fn leap_years_on_both_sides() {
    // Jalali leap years have a 30th of Esfand: 1403 and 1399 do, 1404 does not.
    pair((2025, 3, 20), (1403, 12, 30));
    pair((2021, 3, 20), (1399, 12, 30));
    pair((2026, 3, 20), (1404, 12, 29));
    pair((2026, 3, 21), (1405, 1, 1));
    // Gregorian: 2024 and 2000 have a 29 February; 1900 has none, so its
    // 1 March follows 28 February.
    pair((2024, 2, 29), (1402, 12, 10));
    pair((2000, 2, 29), (1378, 12, 10));
    pair((1900, 2, 28), (1278, 12, 9));
    pair((1900, 3, 1), (1278, 12, 10));
}

#[test]
fn a_persian_interface_reads_jalali_dates_with_persian_names_and_digits() {
    let persian = persian_utc();
    assert_eq!(persian.date("2025-05-16T10:00:00Z"), "۲۶ اردیبهشت ۱۴۰۴");
    assert_eq!(persian.date("1979-02-11T12:00:00Z"), "۲۲ بهمن ۱۳۵۷");
    assert_eq!(persian.date("2024-03-20T12:00:00Z"), "۱ فروردین ۱۴۰۳");
    assert_eq!(persian.date("2025-03-20T12:00:00Z"), "۳۰ اسفند ۱۴۰۳");
    // A bare date is that day, whatever the zone.
    assert_eq!(persian.date("2000-01-01"), "۱۱ دی ۱۳۷۸");
    assert_eq!(
        persian.date_time("2025-11-25T14:03:07Z"),
        "۴ آذر ۱۴۰۴، ۱۴:۰۳"
    );
    // Every month has its name: the 10th of each month of 1404.
    let tenths = [
        "2025-03-30",
        "2025-04-30",
        "2025-05-31",
        "2025-07-01",
        "2025-08-01",
        "2025-09-01",
        "2025-10-02",
        "2025-11-01",
        "2025-12-01",
        "2025-12-31",
        "2026-01-30",
        "2026-03-01",
    ];
    let names: Vec<String> = tenths.iter().map(|day| persian.date(day)).collect();
    let expected: Vec<String> = PERSIAN_MONTHS
        .iter()
        .map(|name| format!("۱۰ {name} ۱۴۰۴"))
        .collect();
    assert_eq!(names, expected);
}

#[test]
fn an_english_interface_reads_gregorian_dates() {
    let english = english_utc();
    assert_eq!(english.date("2025-05-16T10:00:00Z"), "2025-05-16");
    assert_eq!(english.date("2000-01-01"), "2000-01-01");
    assert_eq!(
        english.date_time("2025-11-25T14:03:07Z"),
        "2025-11-25 14:03"
    );
    // A stamp with an offset is moved to the zone.
    assert_eq!(
        english.date_time("2025-11-25T23:30:00-05:00"),
        "2025-11-26 04:30"
    );
}

#[test]
fn a_date_near_midnight_utc_is_the_next_day_in_tehran() {
    // 22:00 UTC on the eve of Nowruz 1403 is 01:30 the next morning in
    // Tehran: still the 29th of Esfand in UTC, the 1st of Farvardin there.
    let stamp = "2024-03-19T22:00:00Z";
    assert_eq!(persian_utc().date(stamp), "۲۹ اسفند ۱۴۰۲");
    let in_tehran = DateStyle::at(Lang::PERSIAN, tehran());
    assert_eq!(in_tehran.date(stamp), "۱ فروردین ۱۴۰۳");
    assert_eq!(in_tehran.date_time(stamp), "۱ فروردین ۱۴۰۳، ۰۱:۳۰");
    let english = DateStyle::at(Lang::ENGLISH, tehran());
    assert_eq!(english.date(stamp), "2024-03-20");
}

#[test]
fn a_stamp_that_does_not_parse_is_shown_as_written_without_controls() {
    assert_eq!(persian_utc().date("soon\u{1b}]0;x\u{7}"), "soon]0;x");
    assert_eq!(
        english_utc().date_time("2025-13-45T99:00:00Z"),
        "2025-13-45T99:00"
    );
}
