//! Timestamps as people and sorting both read them: RFC 3339 in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, as `2025-11-25T14:03:07Z`.
pub fn now() -> String {
    let (date, time) = civil(seconds_now());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        date.0, date.1, date.2, time.0, time.1, time.2
    )
}

/// Now, for a file name: `20251125T140307Z` (no colons, which some systems refuse).
pub fn now_compact() -> String {
    let (date, time) = civil(seconds_now());
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        date.0, date.1, date.2, time.0, time.1, time.2
    )
}

fn seconds_now() -> u64 {
    // A clock set before 1970 gives 1970 rather than an error.
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Seconds since 1970 to (year, month, day) and (hour, minute, second), UTC.
fn civil(seconds: u64) -> ((u64, u64, u64), (u64, u64, u64)) {
    let days = seconds / 86_400;
    let of_day = seconds % 86_400;
    // Howard Hinnant's civil_from_days, for days since 1970-01-01 ≥ 0.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (
        (year, month, day),
        (of_day / 3600, of_day % 3600 / 60, of_day % 60),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_become_utc_dates() {
        assert_eq!(civil(0), ((1970, 1, 1), (0, 0, 0)));
        assert_eq!(civil(951_782_400), ((2000, 2, 29), (0, 0, 0)));
        assert_eq!(civil(1_764_079_387), ((2025, 11, 25), (14, 3, 7)));
    }

    #[test]
    fn timestamps_sort_as_text() {
        let stamp = now();
        assert_eq!(stamp.len(), "2025-11-25T14:03:07Z".len());
        assert!(stamp.as_str() > "2025-01-01T00:00:00Z");
    }
}
