//! Days named by their weekday, as people write them: `周五`, `星期五`, `礼拜五`, `上周五`,
//! `下周一`, `本周三`, `friday`, `last friday`, `next monday`. Weeks start on Monday.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which week a weekday word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Week {
    /// No week said (`周五`): the nearest such day, forward or back as the question reads it.
    Nearest,
    This,
    Last,
    Next,
}

/// The words that say which week, longest first where one starts another.
const WEEKS: [(&str, Week); 18] = [
    ("上星期", Week::Last),
    ("上礼拜", Week::Last),
    ("上周", Week::Last),
    ("下星期", Week::Next),
    ("下礼拜", Week::Next),
    ("下周", Week::Next),
    ("本星期", Week::This),
    ("这星期", Week::This),
    ("这礼拜", Week::This),
    ("本周", Week::This),
    ("这周", Week::This),
    ("星期", Week::Nearest),
    ("礼拜", Week::Nearest),
    ("周", Week::Nearest),
    ("last ", Week::Last),
    ("next ", Week::Next),
    ("this ", Week::This),
    ("", Week::Nearest),
];

/// The days' names in English, in full (a short `sun` or `wed` starts too many other words).
const ENGLISH: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The day after 周 / 星期 / 礼拜: 一 … 六, 日 or 天, or a digit 1 … 7.
fn chinese_day(c: char) -> Option<Weekday> {
    Some(match c {
        '一' | '1' => Weekday::Mon,
        '二' | '2' => Weekday::Tue,
        '三' | '3' => Weekday::Wed,
        '四' | '4' => Weekday::Thu,
        '五' | '5' => Weekday::Fri,
        '六' | '6' => Weekday::Sat,
        '日' | '天' | '7' => Weekday::Sun,
        _ => return None,
    })
}

/// A weekday word at the start of `chars` (lowercase): its week, its day and the characters
/// it takes.
fn leading(chars: &[char]) -> Option<(Week, Weekday, usize)> {
    let text: String = chars.iter().take(16).collect();
    for (lead, week) in WEEKS {
        let Some(rest) = text.strip_prefix(lead) else {
            continue;
        };
        let used = lead.chars().count();
        let chinese = lead.chars().next().is_some_and(|c| !c.is_ascii());
        if chinese {
            if let Some(day) = rest.chars().next().and_then(chinese_day) {
                return Some((week, day, used + 1));
            }
            continue;
        }
        for (name, day) in ENGLISH {
            let Some(after) = rest.strip_prefix(name) else {
                continue;
            };
            if after.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            return Some((week, day, used + name.chars().count()));
        }
    }
    None
}

/// The day a weekday word names, seen from `today`: a week's own day for this, last and next
/// week; with no week said, the next such day after today, or with `past` the latest one up to
/// today.
fn resolve(week: Week, day: Weekday, today: NaiveDate, past: bool) -> Option<NaiveDate> {
    let monday =
        today.checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())))?;
    let in_week = |monday: NaiveDate| {
        monday.checked_add_days(Days::new(u64::from(day.num_days_from_monday())))
    };
    match week {
        Week::This => in_week(monday),
        Week::Last => in_week(monday.checked_sub_days(Days::new(7))?),
        Week::Next => in_week(monday.checked_add_days(Days::new(7))?),
        Week::Nearest if past => {
            let back =
                (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
            today.checked_sub_days(Days::new(u64::from(back)))
        }
        Week::Nearest => {
            let ahead =
                (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
            today.checked_add_days(Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
        }
    }
}

/// A weekday word at the start of `chars` (lowercase) as a date from `today` on (a day to
/// come), with the characters it takes.
pub(super) fn leading_date(chars: &[char], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let (week, day, used) = leading(chars)?;
    Some((resolve(week, day, today, false)?, used))
}

/// A weekday word alone as a day gone by (a visit's day): `周五` is the latest Friday up to
/// today; a week said names that week's day, as for a day to come.
pub(super) fn past(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let chars: Vec<char> = text.trim().to_lowercase().chars().collect();
    let (week, day, used) = leading(&chars)?;
    (used == chars.len())
        .then(|| resolve(week, day, today, true))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ahead(text: &str, today: &str) -> Option<NaiveDate> {
        let chars: Vec<char> = text.to_lowercase().chars().collect();
        leading_date(&chars, d(today))
            .filter(|(_, used)| *used == chars.len())
            .map(|(date, _)| date)
    }

    #[test]
    fn weekdays_are_read_in_chinese_and_english_for_days_to_come_and_gone() {
        // 2026-12-02 is a Wednesday.
        let today = "2026-12-02";
        for (text, expected) in [
            ("周五", "2026-12-04"),
            ("星期五", "2026-12-04"),
            ("礼拜一", "2026-12-07"),
            ("周三", "2026-12-09"),
            ("周日", "2026-12-06"),
            ("星期天", "2026-12-06"),
            ("下周一", "2026-12-07"),
            ("下星期五", "2026-12-11"),
            ("本周一", "2026-11-30"),
            ("这周五", "2026-12-04"),
            ("上周五", "2026-11-27"),
            ("friday", "2026-12-04"),
            ("Next Monday", "2026-12-07"),
            ("last friday", "2026-11-27"),
        ] {
            assert_eq!(ahead(text, today), Some(d(expected)), "{text}");
        }
        for (text, expected) in [
            ("周一", "2026-11-30"),
            ("周三", "2026-12-02"),
            ("周五", "2026-11-27"),
            ("上周五", "2026-11-27"),
            ("monday", "2026-11-30"),
        ] {
            assert_eq!(past(text, d(today)), Some(d(expected)), "{text}");
        }
        for text in [
            "周", "周八", "上周", "周年", "fridays", "sun", "someday", "",
        ] {
            assert_eq!(ahead(text, today), None, "{text}");
            assert_eq!(past(text, d(today)), None, "{text}");
        }
    }
}
