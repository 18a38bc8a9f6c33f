//! Working days (工作日): weekends off, plus the holidays and make-up working days (调休) the
//! county lists in its calendar file. Deadlines are counted in working days.
//!
//! The file has one entry per line; `#` starts a comment:
//! ```text
//! 2026-10-01..2026-10-07 off 国庆节
//! 2026-10-10 work 国庆调休
//! ```
//! `off` (or `休`) makes days holidays, `work` (or `班`) makes weekend days working days; a range
//! `A..B` includes both ends. Anything after the keyword is a note.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct CalendarError {
    pub line: usize,
    pub reason: String,
}

/// The county's working-day calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    /// Days that differ from the weekend rule: `true` a working day, `false` a day off.
    overrides: BTreeMap<NaiveDate, bool>,
}

/// No calendar in use may make every day a day off; this bounds the search for the next working day.
const MAX_SCAN_DAYS: u64 = 3660;

impl WorkCalendar {
    /// Weekends off, no holidays: the default until the county lists its own.
    pub fn weekends_only() -> WorkCalendar {
        WorkCalendar::default()
    }

    pub fn parse(text: &str) -> Result<WorkCalendar, CalendarError> {
        let mut overrides = BTreeMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_start_matches('\u{feff}');
            if content.is_empty() {
                continue;
            }
            let err = |reason: String| CalendarError { line, reason };
            let mut words = content.split_whitespace();
            let dates = words.next().unwrap_or_default();
            let kind = words
                .next()
                .ok_or_else(|| err("expected `off` or `work` after the date".into()))?;
            let working = match kind {
                "off" | "休" => false,
                "work" | "班" => true,
                other => return Err(err(format!("`{other}` is neither `off` nor `work`"))),
            };
            let parse_date = |s: &str| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| err(format!("`{s}` is not a date like 2026-10-01")))
            };
            let (first, last) = match dates.split_once("..") {
                Some((a, b)) => (parse_date(a)?, parse_date(b)?),
                None => {
                    let d = parse_date(dates)?;
                    (d, d)
                }
            };
            if last < first {
                return Err(err(format!("the range {dates} ends before it starts")));
            }
            if (last - first).num_days() > 366 {
                return Err(err(format!("the range {dates} is longer than a year")));
            }
            for day in first.iter_days().take_while(|d| *d <= last) {
                if let Some(previous) = overrides.insert(day, working)
                    && previous != working
                {
                    return Err(err(format!(
                        "{day} is listed both as a working day and a day off"
                    )));
                }
            }
        }
        Ok(WorkCalendar { overrides })
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.overrides.get(&day) {
            Some(working) => *working,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The first working day on or after `day`.
    pub fn working_day_on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        for _ in 0..MAX_SCAN_DAYS {
            if self.is_working_day(d) {
                return d;
            }
            d = d + Days::new(1);
        }
        d
    }

    /// The `n`th working day after `start` (not counting `start`); for `n == 0`, the first
    /// working day on or after `start`. A case dispatched on `start` with a limit of `n` working
    /// days is due by the end of this day.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return self.working_day_on_or_after(start);
        }
        let mut d = start;
        let mut left = n;
        let mut scanned = 0u64;
        while left > 0 && scanned < MAX_SCAN_DAYS * u64::from(n.max(1)) {
            d = d + Days::new(1);
            scanned += 1;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days from `from` to `to`: the count of working days in `(from, to]`, negative
    /// when `to` is before `from` (then the count of working days in `(to, from]`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let count = a
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= b)
            .filter(|d| self.is_working_day(*d))
            .count();
        sign * count as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekends_are_skipped() {
        let cal = WorkCalendar::weekends_only();
        // 2026-11-27 is a Friday.
        assert_eq!(cal.add_working_days(d("2026-11-27"), 1), d("2026-11-30"));
        assert_eq!(cal.add_working_days(d("2026-11-27"), 5), d("2026-12-04"));
        assert_eq!(
            cal.working_days_between(d("2026-11-27"), d("2026-12-04")),
            5
        );
        assert_eq!(
            cal.working_days_between(d("2026-12-04"), d("2026-11-27")),
            -5
        );
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let err = WorkCalendar::parse("# ok\n2026-10-01 off\n2026-13-01 off\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(WorkCalendar::parse("2026-10-01 holiday").is_err());
        assert!(WorkCalendar::parse("2026-10-05..2026-10-01 off").is_err());
        assert!(WorkCalendar::parse("2026-10-01 off\n2026-10-01 work").is_err());
    }
}
