//! Working days: deadlines, holidays and the calendar file.

use super::*;

/// National Day 2026 as the State Council might list it: a week off, a Saturday worked.
const GOLDEN_WEEK: &str = "\u{feff}# 2026 国庆\n\n2026-10-01..2026-10-07 off 国庆节\n2026-10-10 work 国庆调休 # 周六上班\n";

#[test]
fn deadlines_skip_weekends() {
    let cal = WorkCalendar::weekends_only();
    // 2026-11-27 is a Friday.
    assert_eq!(cal.add_working_days(d("2026-11-27"), 1), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-28"), 1), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-23"), 10), d("2026-12-07"));
    assert_eq!(cal.add_working_days(d("2026-11-28"), 0), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-27"), 0), d("2026-11-27"));
    assert_eq!(
        cal.working_days_between(d("2026-11-27"), d("2026-11-30")),
        1
    );
    assert_eq!(
        cal.working_days_between(d("2026-11-28"), d("2026-11-29")),
        0
    );
}

#[test]
fn deadlines_skip_holidays_and_count_make_up_days() {
    let cal = WorkCalendar::parse(GOLDEN_WEEK).unwrap();
    assert!(!cal.is_working_day(d("2026-10-01")));
    assert!(!cal.is_working_day(d("2026-10-07")));
    assert!(cal.is_working_day(d("2026-10-08")));
    assert!(cal.is_working_day(d("2026-10-10")), "the make-up Saturday");
    assert!(!cal.is_working_day(d("2026-10-11")), "an ordinary Sunday");
    // Dispatched on Wednesday 30 September with one working day: due Thursday 8 October.
    assert_eq!(cal.add_working_days(d("2026-09-30"), 1), d("2026-10-08"));
    // Three: the 8th, the 9th and the make-up Saturday the 10th.
    assert_eq!(cal.add_working_days(d("2026-09-30"), 3), d("2026-10-10"));
    assert_eq!(cal.add_working_days(d("2026-09-30"), 4), d("2026-10-12"));
    assert_eq!(cal.add_working_days(d("2026-10-03"), 0), d("2026-10-08"));
    assert_eq!(
        cal.working_days_between(d("2026-09-30"), d("2026-10-12")),
        4
    );
    assert_eq!(
        cal.working_days_between(d("2026-10-12"), d("2026-09-30")),
        -4
    );
}

#[test]
fn the_shipped_calendar_invents_no_dates() {
    let text = std::fs::read_to_string("config/calendar.txt").unwrap();
    assert_eq!(
        WorkCalendar::parse(&text).unwrap(),
        WorkCalendar::weekends_only()
    );
}

#[test]
fn calendar_errors_name_their_line() {
    let cases: [(&str, usize); 7] = [
        ("2026-10-01 holiday", 1),
        ("# c\n\n2026-10-01 off\n2026-13-01 off\n", 4),
        (
            "\u{feff}2026-10-01 off\n  # indented comment\n2026-10-02\n",
            3,
        ),
        ("2026-10-01 off\n2026-10-05..2026-10-01 off", 2),
        ("2026-10-01..2026-10-03 off\n\n\n2026-10-02 work", 4),
        ("2026-01-01..2027-06-01 off", 1),
        ("2026-10-01 off\n2026/10/02 off", 2),
    ];
    for (text, line) in cases {
        let err = WorkCalendar::parse(text).unwrap_err();
        assert_eq!(err.line, line, "{text:?}: {err}");
        assert!(err.to_string().starts_with(&format!("line {line}:")));
    }
    // Chinese keywords and trailing notes are fine.
    assert!(WorkCalendar::parse("2026-10-01 休 国庆\n2026-10-10 班 调休").is_ok());
}

/// A calendar of up to 80 random holidays and make-up days over two years from 2026-01-01.
fn random_calendar() -> impl Strategy<Value = WorkCalendar> {
    prop::collection::btree_map(0u64..730, any::<bool>(), 0..80).prop_map(|days| {
        let text: String = days
            .iter()
            .map(|(offset, work)| {
                let day = d("2026-01-01") + chrono::Days::new(*offset);
                format!("{day} {}\n", if *work { "work" } else { "off" })
            })
            .collect();
        WorkCalendar::parse(&text).unwrap()
    })
}

proptest! {
    #[test]
    fn adding_working_days_never_lands_on_a_day_off(
        cal in random_calendar(),
        start in 0u64..800,
        n in 1u32..150,
    ) {
        let start = d("2025-12-01") + chrono::Days::new(start);
        let due = cal.add_working_days(start, n);
        prop_assert!(cal.is_working_day(due));
        prop_assert!(due > start);
        prop_assert_eq!(cal.working_days_between(start, due), i64::from(n));
        prop_assert_eq!(cal.working_days_between(due, start), -i64::from(n));
        let first = cal.add_working_days(start, 0);
        prop_assert!(cal.is_working_day(first) && first >= start);
    }

    #[test]
    fn the_calendar_parser_never_panics(text in "(20[0-9]{2}-[01][0-9]-[0-3][0-9](\\.\\.20[0-9]{2}-[01][0-9]-[0-3][0-9])? (off|work|休|班|x)? ?[^\\n]{0,8}\\n){0,6}|\\PC{0,200}") {
        let _ = WorkCalendar::parse(&text);
    }

    #[test]
    fn the_roster_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), text in "(code|name|编码|名称|,|\"|\\n|\\r|T1|青岚镇| ){0,60}") {
        for kind in [ImportKind::Townships, ImportKind::Departments, ImportKind::People, ImportKind::Enterprises] {
            let _ = Table::read(kind, &bytes);
            let _ = Table::read(kind, text.as_bytes());
        }
    }
}
