//! Timestamps as people and sorting both read them: RFC 3339 in UTC.

use jiff::Timestamp;

/// Now, as `2025-11-25T14:03:07Z`.
pub fn now() -> String {
    stamp(Timestamp::now())
}

/// Now, for a file name: `20251125T140307Z` (no colons, which some systems refuse).
pub fn now_compact() -> String {
    Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `time` to the second, in UTC: always 20 characters from year 0 to 9999,
/// so stamps sort as text.
fn stamp(time: Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> String {
        stamp(Timestamp::from_second(second).expect("in range"))
    }

    #[test]
    fn seconds_become_utc_dates() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_764_079_387), "2025-11-25T14:03:07Z");
        // A clock set before 1970 still gives a stamp of the same shape.
        assert_eq!(at(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn timestamps_sort_as_text() {
        let stamp = now();
        assert_eq!(stamp.len(), "2025-11-25T14:03:07Z".len());
        assert!(stamp.as_str() > "2025-01-01T00:00:00Z");
        assert_eq!(now_compact().len(), "20251125T140307Z".len());
    }
}
