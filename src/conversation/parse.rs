//! Parsing what people type: commands with their arguments, case numbers, and dates written the
//! way people write them (2026-12-01, 2026/12/1, 12-1, 12月1日, 2026年12月1日, 明天).

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::CaseNumber;
use crate::i18n::narrow;

mod weekday;

/// A command line: `/name` or `/name args`. This is the engine's one command syntax: every
/// transport turns its own addressing (Telegram's `/name@bot`) into it before the engine sees
/// the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    /// Lowercase ASCII: letters, digits and underscores, 1 to 32 of them.
    pub name: String,
    /// Everything after the command, trimmed.
    pub args: String,
}

/// The longest command name.
pub const MAX_COMMAND_LEN: usize = 32;

/// Where a command's name ends: at a space or at the first character that is not ASCII.
pub fn name_ends(c: char) -> bool {
    c.is_whitespace() || !c.is_ascii()
}

/// Parses a command line; `None` when the text is not a well-formed command.
pub fn command(text: &str) -> Option<CommandLine> {
    let text = text.trim_start();
    let rest = text.strip_prefix('/').or_else(|| text.strip_prefix('／'))?;
    // The name ends where the first space or non-ASCII character starts, as Telegram reads it:
    // `/report厂区门前道路破损` is `/report` with the problem.
    let (head, args) = match rest.find(name_ends) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    // A hyphen is read as an underscore: `/cases-of-note` is `/cases_of_note`.
    let name = head.replace('-', "_");
    let well_formed = !name.is_empty()
        && name.len() <= MAX_COMMAND_LEN
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !well_formed {
        return None;
    }
    Some(CommandLine {
        name: name.to_ascii_lowercase(),
        args: args.to_string(),
    })
}

/// A case number argument: `ZZ-2026-0042`, or only its sequence (`42`), which means this
/// year's case with the county's prefix.
pub fn case_number(args: &str, prefix: &str, year: i32) -> Option<CaseNumber> {
    let trimmed = args.trim().trim_start_matches('#').trim();
    let narrowed: String = trimmed.chars().map(narrow).collect();
    if !narrowed.is_empty() && narrowed.len() <= 8 && narrowed.bytes().all(|b| b.is_ascii_digit()) {
        let seq: u32 = narrowed.parse().ok()?;
        return CaseNumber::parse(&format!("{prefix}-{year}-{seq}"));
    }
    CaseNumber::parse(trimmed)
}

/// Reads digits at `pos`; returns the number and how many digits there were (at most 4).
fn digits(chars: &[char], pos: &mut usize) -> Option<(u32, usize)> {
    let start = *pos;
    let mut value = 0u32;
    while *pos < chars.len() && chars[*pos].is_ascii_digit() && *pos - start < 4 {
        value = value * 10 + chars[*pos].to_digit(10).unwrap_or(0);
        *pos += 1;
    }
    if *pos < chars.len() && chars[*pos].is_ascii_digit() {
        return None;
    }
    (*pos > start).then_some((value, *pos - start))
}

/// A month and day with no year: this year's, or next year's when this year's has passed.
fn month_day(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day);
    match this {
        Some(d) if d >= today => Some(d),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
    }
}

fn full_date(year: (u32, usize), month: u32, day: u32) -> Option<NaiveDate> {
    if year.1 != 4 || !(2000..=2100).contains(&year.0) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.0 as i32, month, day)
}

/// A date at the start of the text; returns it and the number of characters it used.
fn leading_date(chars: &[char], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let lower: Vec<char> = chars
        .iter()
        .take(16)
        .collect::<String>()
        .to_lowercase()
        .chars()
        .collect();
    let word: String = lower.iter().collect();
    for (w, days) in [
        ("今天", 0u64),
        ("今日", 0),
        ("明天", 1),
        ("明日", 1),
        ("后天", 2),
        ("today", 0),
        ("tomorrow", 1),
    ] {
        if word.starts_with(w) {
            return Some((today.checked_add_days(Days::new(days))?, w.chars().count()));
        }
    }
    if let Some(found) = weekday::leading_date(&lower, today) {
        return Some(found);
    }
    let mut pos = 0;
    let first = digits(chars, &mut pos)?;
    let next = chars.get(pos).copied();
    let date = match next {
        Some('年') => {
            pos += 1;
            let (month, _) = digits(chars, &mut pos)?;
            if chars.get(pos) != Some(&'月') {
                return None;
            }
            pos += 1;
            let (day, _) = digits(chars, &mut pos)?;
            if matches!(chars.get(pos), Some('日' | '号')) {
                pos += 1;
            }
            full_date(first, month, day)?
        }
        Some('月') => {
            pos += 1;
            let (day, _) = digits(chars, &mut pos)?;
            if matches!(chars.get(pos), Some('日' | '号')) {
                pos += 1;
            }
            month_day(first.0, day, today)?
        }
        Some(sep @ ('-' | '/' | '.')) => {
            pos += 1;
            let (second, _) = digits(chars, &mut pos)?;
            if chars.get(pos) == Some(&sep) && chars.get(pos + 1).is_some_and(char::is_ascii_digit)
            {
                pos += 1;
                let (third, _) = digits(chars, &mut pos)?;
                full_date(first, second, third)?
            } else if first.1 <= 2 {
                month_day(first.0, second, today)?
            } else {
                return None;
            }
        }
        _ => return None,
    };
    // A date must end at a word boundary: `12-1x` is not a date.
    match chars.get(pos) {
        Some(c) if c.is_alphanumeric() && !is_cjk(*c) => None,
        _ => Some((date, pos)),
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// A date typed on its own; `today` settles the year when none is given.
pub fn date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let chars: Vec<char> = text.trim().chars().map(narrow).collect();
    let (date, used) = leading_date(&chars, today)?;
    chars[used..]
        .iter()
        .all(|c| c.is_whitespace())
        .then_some(date)
}

/// A day in the past typed on its own (the day of a visit): `昨天`, `前天`, `yesterday`, a
/// weekday (`周五`: the latest Friday up to today; `上周五`), or a date as `date` reads it,
/// where a month and day with no year that is still to come this year means last year's.
pub fn past_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Some(day) = weekday::past(text, today) {
        return Some(day);
    }
    let word = text.trim().to_lowercase();
    for (w, days) in [("昨天", 1u64), ("昨日", 1), ("前天", 2), ("yesterday", 1)] {
        if word == w {
            return today.checked_sub_days(Days::new(days));
        }
    }
    let found = date(text, today)?;
    // `12-1` or `12月1日` with no year; words (明天) and full dates stay as they are.
    let narrowed: String = text.chars().map(narrow).collect();
    let numeric = narrowed.chars().any(|c| c.is_ascii_digit());
    let year_given = narrowed.contains('年') || narrowed.contains(&found.year().to_string());
    if found > today && numeric && !year_given {
        return NaiveDate::from_ymd_opt(found.year() - 1, found.month(), found.day());
    }
    Some(found)
}

/// A number of working days as people write it for a delay: `10个工作日`, `延长 10 个工作日`,
/// `再延期5个工作日`, `10 working days`. Any count is read, 0 included: whether it is one the
/// question allows is the asker's to say.
pub fn working_days(text: &str) -> Option<u32> {
    let narrowed: String = text
        .chars()
        .map(narrow)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let mut rest = narrowed.as_str();
    for lead in ["再", "延长", "延期", "加", "+"] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let unit = &rest[digits..];
    if !["个工作日", "工作日", "workingdays", "workingday"].contains(&unit) {
        return None;
    }
    rest[..digits].parse::<u32>().ok()
}

/// A roadmap step typed as "date text": its day and title, or the key of what is wrong with it
/// (no date or no text; a day already past).
pub fn roadmap_step(text: &str, today: NaiveDate) -> Result<(NaiveDate, String), &'static str> {
    match leading_date_and_rest(text, today) {
        Some((_, title)) if title.is_empty() => Err("bot-milestone-format"),
        None => Err("bot-milestone-format"),
        Some((due_on, _)) if due_on < today => Err("bot-deadline-past"),
        Some(step) => Ok(step),
    }
}

/// A date at the start of a text, and the rest of the text after it (trimmed, separators such
/// as `:` or `，` removed): `12月1日 完成现场勘查` gives the date and `完成现场勘查`.
pub fn leading_date_and_rest(text: &str, today: NaiveDate) -> Option<(NaiveDate, String)> {
    let original: Vec<char> = text.trim().chars().collect();
    let chars: Vec<char> = original.iter().copied().map(narrow).collect();
    let (date, used) = leading_date(&chars, today)?;
    let rest: String = original[used..].iter().collect();
    let rest = rest
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '：' | ',' | '，' | '、' | '-')
        })
        .trim_end();
    Some((date, rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn commands_are_read_with_their_arguments() {
        let c = command("/Case  ZZ-2026-0001 ").unwrap();
        assert_eq!(c.name, "case");
        assert_eq!(c.args, "ZZ-2026-0001");
        assert_eq!(command("／start").unwrap().name, "start");
        assert!(command("hello").is_none());
        assert!(command("/").is_none());
        assert!(command("/报告").is_none());
        // Words may follow the name without a space.
        let c = command("/report厂区门前道路破损").unwrap();
        assert_eq!(
            (c.name.as_str(), c.args.as_str()),
            ("report", "厂区门前道路破损")
        );
        let c = command("/visit昨天").unwrap();
        assert_eq!((c.name.as_str(), c.args.as_str()), ("visit", "昨天"));
        assert!(command("/report,x").is_none());
        // Addressing a bot is the transport's business: the engine never sees `@`.
        assert!(command("/a@").is_none());
        assert!(command("/case@ZhuqiBot 1").is_none());
    }

    #[test]
    fn a_delay_may_be_written_in_working_days() {
        assert_eq!(working_days("10个工作日"), Some(10));
        assert_eq!(working_days(" 延长 １０ 个工作日 "), Some(10));
        assert_eq!(working_days("再延期5个工作日"), Some(5));
        assert_eq!(working_days("3 working days"), Some(3));
        assert_eq!(working_days("10天"), None);
        assert_eq!(working_days("个工作日"), None);
        assert_eq!(working_days("0个工作日"), Some(0));
        assert_eq!(working_days("999个工作日"), Some(999));
        assert_eq!(working_days("99999999999个工作日"), None);
        assert_eq!(working_days("2026-12-25"), None);
    }

    #[test]
    fn case_numbers_may_be_given_by_sequence_alone() {
        assert_eq!(
            case_number("42", "ZZ", 2026).unwrap().as_str(),
            "ZZ-2026-0042"
        );
        assert_eq!(
            case_number(" #zz-2025-7", "ZZ", 2026).unwrap().as_str(),
            "ZZ-2025-0007"
        );
        assert!(case_number("", "ZZ", 2026).is_none());
        assert!(case_number("abc", "ZZ", 2026).is_none());
    }

    #[test]
    fn dates_are_read_as_people_write_them() {
        let today = d(2026, 11, 27);
        assert_eq!(date("2026-12-01", today), Some(d(2026, 12, 1)));
        assert_eq!(date("2026/12/1", today), Some(d(2026, 12, 1)));
        assert_eq!(date("１２月１日", today), Some(d(2026, 12, 1)));
        assert_eq!(date("12月1号", today), Some(d(2026, 12, 1)));
        assert_eq!(date("2027年1月5日", today), Some(d(2027, 1, 5)));
        assert_eq!(date("1-5", today), Some(d(2027, 1, 5)));
        assert_eq!(date("明天", today), Some(d(2026, 11, 28)));
        assert_eq!(date("2026-02-30", today), None);
        assert_eq!(date("12-1x", today), None);
        assert_eq!(date("soon", today), None);
        assert_eq!(past_date("昨天", today), Some(d(2026, 11, 26)));
        assert_eq!(past_date("11月25日", today), Some(d(2026, 11, 25)));
        assert_eq!(past_date("12-1", today), Some(d(2025, 12, 1)));
        assert_eq!(past_date("2026-12-01", today), Some(d(2026, 12, 1)));
        assert_eq!(past_date("２０２６-１２-０１", today), Some(d(2026, 12, 1)));
        assert_eq!(past_date("明天", today), Some(d(2026, 11, 28)));
        assert_eq!(
            leading_date_and_rest("12月3日：完成现场勘查", today),
            Some((d(2026, 12, 3), "完成现场勘查".to_string()))
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (2000i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, day)| d(y, m, day))
    }

    proptest! {
        #[test]
        fn a_command_round_trips(name in "[a-zA-Z0-9_]{1,32}", args in "\\PC{0,40}") {
            let c = command(&format!("/{name} {args}")).unwrap();
            prop_assert_eq!(c.name, name.to_ascii_lowercase());
            prop_assert_eq!(c.args, args.trim().to_string());
        }

        #[test]
        fn parsers_never_panic_on_any_text(s in any::<String>()) {
            let today = d(2026, 11, 27);
            let _ = command(&s);
            let _ = working_days(&s);
            let _ = case_number(&s, "ZZ", 2026);
            let _ = date(&s, today);
            let _ = leading_date_and_rest(&s, today);
            let _ = past_date(&s, today);
        }

        #[test]
        fn case_numbers_round_trip_whole_or_by_sequence(year in 2000i32..2100, seq in 1u32..99_999, this_year in 2000i32..2100) {
            let whole = format!("ZZ-{year}-{seq:04}");
            let parsed = case_number(&whole.to_lowercase(), "ZZ", this_year).unwrap();
            prop_assert_eq!(parsed.as_str(), whole.as_str());
            let by_seq = case_number(&seq.to_string(), "ZZ", this_year).unwrap();
            prop_assert_eq!(by_seq.as_str(), format!("ZZ-{this_year}-{seq:04}"));
        }

        #[test]
        fn full_dates_round_trip_in_every_format(day in any_date(), today in any_date()) {
            let (y, m, dd) = (day.year(), day.month(), day.day());
            for text in [
                format!("{y}-{m:02}-{dd:02}"),
                format!("{y}/{m}/{dd}"),
                format!("{y}.{m}.{dd}"),
                format!("{y}年{m}月{dd}日"),
            ] {
                prop_assert_eq!(date(&text, today), Some(day), "{}", text);
            }
        }

        #[test]
        fn a_month_and_day_is_never_in_the_past(m in 1u32..=12, dd in 1u32..=28, today in any_date()) {
            let got = date(&format!("{m}月{dd}日"), today).unwrap();
            prop_assert!(got >= today);
            prop_assert_eq!((got.month(), got.day()), (m, dd));
        }

        #[test]
        fn the_rest_after_a_leading_date_is_kept(day in any_date(), rest in "[^\\s:：,，、\\-0-9０-９]\\PC{0,30}") {
            let text = format!("{} {}", day.format("%Y-%m-%d"), rest);
            let (got, tail) = leading_date_and_rest(&text, d(2026, 1, 1)).unwrap();
            prop_assert_eq!(got, day);
            prop_assert_eq!(tail, rest.trim_end().to_string());
        }
    }
}
