//! 重点项目: a project's stages (签约 → 立项 → 开工 → 在建 → 竣工 → 投产), investment amounts in
//! 万元, when a project is behind its stage dates and how far (the escalation ladder's colours),
//! and the month a progress report (月报) is asked for. Pure: time is passed in.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Colour, Ladder, WorkCalendar};

/// A project's stage. A project not signed yet has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 签约
    Signed,
    /// 立项
    Approved,
    /// 开工
    Started,
    /// 在建
    Building,
    /// 竣工
    Finished,
    /// 投产
    Producing,
}

/// Number of stages.
pub const STAGES: usize = 6;

impl Stage {
    pub const ALL: [Stage; STAGES] = [
        Stage::Signed,
        Stage::Approved,
        Stage::Started,
        Stage::Building,
        Stage::Finished,
        Stage::Producing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Signed => "signed",
            Stage::Approved => "approved",
            Stage::Started => "started",
            Stage::Building => "building",
            Stage::Finished => "finished",
            Stage::Producing => "producing",
        }
    }

    /// 0 for 签约 … 5 for 投产, as stored.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: i16) -> Option<Stage> {
        usize::try_from(i)
            .ok()
            .and_then(|i| Stage::ALL.get(i).copied())
    }

    /// The stage a roster file or a person names: its code or its Chinese name.
    pub fn parse(s: &str) -> Option<Stage> {
        let s = s.trim().to_lowercase();
        Stage::ALL.into_iter().find(|st| {
            st.code() == s || st.chinese() == s || st.chinese_alias().is_some_and(|a| a == s)
        })
    }

    /// The Chinese name, as the county writes it.
    pub fn chinese(self) -> &'static str {
        match self {
            Stage::Signed => "签约",
            Stage::Approved => "立项",
            Stage::Started => "开工",
            Stage::Building => "在建",
            Stage::Finished => "竣工",
            Stage::Producing => "投产",
        }
    }

    fn chinese_alias(self) -> Option<&'static str> {
        match self {
            Stage::Signed => Some("已签约"),
            Stage::Approved => Some("已立项"),
            Stage::Started => Some("已开工"),
            Stage::Building => Some("建设中"),
            Stage::Finished => Some("已竣工"),
            Stage::Producing => Some("已投产"),
        }
    }

    /// The stage's name in `locale`.
    pub fn label(self, locale: &str) -> String {
        crate::i18n::t(locale, &format!("project-stage-{}", self.code()))
    }
}

/// The name of a stage or of "not signed yet", in `locale`.
pub fn stage_label(locale: &str, stage: Option<Stage>) -> String {
    match stage {
        Some(s) => s.label(locale),
        None => crate::i18n::t(locale, "project-stage-none"),
    }
}

/// An amount in 万元, held in hundredths (two decimals, as the county's tables give them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Amount(pub i64);

/// The largest amount accepted: 100 million 万元 (a trillion yuan).
const MAX_AMOUNT: i64 = 100_000_000 * 100;

impl Amount {
    /// Reads `350`, `1,200.5`, `80万`, `80 万元`: at most two decimals, not negative.
    pub fn parse(s: &str) -> Option<Amount> {
        let t: String = s
            .trim()
            .trim_end_matches("万元")
            .trim_end_matches('万')
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' '))
            .collect();
        if t.is_empty() {
            return None;
        }
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t.as_str(), ""),
        };
        if whole.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 2
            || whole.len() > 12
        {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let frac: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<2}").parse().ok()?
        };
        let v = whole.checked_mul(100)?.checked_add(frac)?;
        (v <= MAX_AMOUNT).then_some(Amount(v))
    }

    /// `1,234.5`: thousands grouped, trailing zeros of the decimals dropped.
    pub fn display(self) -> String {
        let neg = self.0 < 0;
        let v = self.0.unsigned_abs();
        let (whole, frac) = (v / 100, v % 100);
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let frac = match frac {
            0 => String::new(),
            f if f % 10 == 0 => format!(".{}", f / 10),
            f => format!(".{f:02}"),
        };
        format!("{}{grouped}{frac}", if neg { "-" } else { "" })
    }

    /// As a number of 万元 (for spreadsheets and charts).
    pub fn wan(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// The stage dates of a project: planned and actual (reached), one of each per stage.
pub type StageDates = [Option<NaiveDate>; STAGES];

/// The earliest stage not reached that has a planned date, with that date: the project is
/// behind schedule once the date has passed.
pub fn next_due(stage: Option<Stage>, planned: &StageDates) -> Option<(Stage, NaiveDate)> {
    let first = stage.map_or(0, |s| s.index() + 1);
    Stage::ALL
        .into_iter()
        .skip(first)
        .filter_map(|s| planned[s.index()].map(|d| (s, d)))
        .min_by_key(|(s, d)| (*d, *s))
}

/// A project reaching `to` on `day`: every stage passed on the way that has no actual date
/// gets `day`. A stage is never taken back: reaching an earlier one changes nothing.
pub fn reach(
    stage: Option<Stage>,
    reached: &StageDates,
    to: Stage,
    day: NaiveDate,
) -> (Option<Stage>, StageDates) {
    let mut dates = *reached;
    if stage.is_some_and(|s| s >= to) {
        return (stage, dates);
    }
    let first = stage.map_or(0, |s| s.index() + 1);
    for s in Stage::ALL.into_iter().skip(first).take_while(|s| *s <= to) {
        dates[s.index()].get_or_insert(day);
    }
    (Some(to), dates)
}

/// The colour of a project on `today` by its next stage date (`next_due`): yellow once the date
/// has passed without the stage reached, red once it is behind by more than the ladder's red
/// limit in working days, as a case past its deadline.
pub fn behind_colour(
    due: Option<NaiveDate>,
    today: NaiveDate,
    calendar: &WorkCalendar,
    ladder: Ladder,
) -> Option<Colour> {
    let due = due?;
    if today <= due {
        return None;
    }
    if calendar.working_days_between(due, today) > i64::from(ladder.red_after_days) {
        Some(Colour::Red)
    } else {
        Some(Colour::Yellow)
    }
}

/// The latest stage date that is already red on `today`: a project is red when its next stage
/// date is before this day (for counting in SQL with the same rule as `behind_colour`).
pub fn red_before(today: NaiveDate, calendar: &WorkCalendar, ladder: Ladder) -> NaiveDate {
    let mut d = today;
    for _ in 0..3660 {
        if calendar.working_days_between(d, today) > i64::from(ladder.red_after_days) {
            return d + chrono::Days::new(1);
        }
        match d.pred_opt() {
            Some(p) => d = p,
            None => break,
        }
    }
    d
}

/// The first day of the month `day` falls in: what a monthly report is filed under.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// When the month's progress report is asked for: the first working day on or after day
/// `ask_day` of the month (the last day of a shorter month).
pub fn ask_on(month: NaiveDate, ask_day: u32, calendar: &WorkCalendar) -> NaiveDate {
    let month = month_of(month);
    let mut day = month;
    for d in (1..=ask_day.clamp(1, 31)).rev() {
        if let Some(x) = month.with_day(d) {
            day = x;
            break;
        }
    }
    calendar.working_day_on_or_after(day)
}

/// The last day to report without being reminded (催报): `within` working days after the ask.
pub fn report_due(
    month: NaiveDate,
    ask_day: u32,
    within: u32,
    calendar: &WorkCalendar,
) -> NaiveDate {
    calendar.add_working_days(ask_on(month, ask_day, calendar), within)
}

/// Words a cadre types for "no problems this month".
pub const NO_PROBLEMS: [&str; 8] = ["无", "没有", "暂无", "无问题", "none", "no", "-", "—"];

/// `2026-03-05`, `2026/3/5`, `2026.3.5` or `2026年3月5日`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim().trim_end_matches('日');
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    if !(all_digits(y) && y.len() == 4 && all_digits(m) && all_digits(d)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The problems of a typed text: one a line, numbering dropped; "无" (none) gives none.
pub fn problems(note: &str) -> Vec<String> {
    note.lines()
        .map(|l| unnumbered(l.trim()))
        .filter(|l| !l.is_empty() && !NO_PROBLEMS.contains(&l.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// A line without its leading number (`1.`, `2、`, `3)`), when it has one; `3号楼…` keeps its 3.
fn unnumbered(line: &str) -> &str {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == line.len() {
        return line;
    }
    match rest.strip_prefix(['.', '、', ')', '）', ':', '：']) {
        Some(after) => after.trim(),
        None => line,
    }
}

/// Completion of the year's plan (完成投资 ÷ 年度计划), none without a plan.
pub fn completion_rate(year_invested: Amount, year_plan: Amount) -> Option<f64> {
    (year_plan.0 > 0).then(|| year_invested.0 as f64 / year_plan.0 as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn amounts_are_read_as_officials_write_them() {
        assert_eq!(Amount::parse("350"), Some(Amount(35_000)));
        assert_eq!(Amount::parse("1,200.5"), Some(Amount(120_050)));
        assert_eq!(Amount::parse("80万元"), Some(Amount(8_000)));
        assert_eq!(Amount::parse("0.07"), Some(Amount(7)));
        for bad in ["", "-3", "1.234", "abc", "1e5", "."] {
            assert_eq!(Amount::parse(bad), None, "{bad}");
        }
        assert_eq!(Amount(123_456_750).display(), "1,234,567.5");
        assert_eq!(Amount(7).display(), "0.07");
        assert_eq!(Amount(100).display(), "1");
    }

    #[test]
    fn stages_read_in_either_language() {
        assert_eq!(Stage::parse("开工"), Some(Stage::Started));
        assert_eq!(Stage::parse("Producing"), Some(Stage::Producing));
        assert_eq!(Stage::parse("已投产"), Some(Stage::Producing));
        assert_eq!(Stage::parse("动工"), None);
    }

    #[test]
    fn the_next_due_date_is_the_earliest_unreached_stage_with_a_plan() {
        let mut planned = [None; STAGES];
        planned[1] = Some(d("2026-03-01"));
        planned[2] = Some(d("2026-06-01"));
        planned[5] = Some(d("2027-06-01"));
        assert_eq!(
            next_due(Some(Stage::Signed), &planned),
            Some((Stage::Approved, d("2026-03-01")))
        );
        assert_eq!(
            next_due(Some(Stage::Approved), &planned),
            Some((Stage::Started, d("2026-06-01")))
        );
        assert_eq!(next_due(Some(Stage::Producing), &planned), None);
    }

    #[test]
    fn reaching_a_stage_dates_the_stages_passed_and_never_goes_back() {
        let mut reached = [None; STAGES];
        reached[0] = Some(d("2026-01-05"));
        let (stage, dates) = reach(
            Some(Stage::Signed),
            &reached,
            Stage::Started,
            d("2026-11-30"),
        );
        assert_eq!(stage, Some(Stage::Started));
        assert_eq!(dates[0], Some(d("2026-01-05")));
        assert_eq!(dates[1], Some(d("2026-11-30")));
        assert_eq!(dates[2], Some(d("2026-11-30")));
        assert_eq!(dates[3], None);
        let (back, same) = reach(stage, &dates, Stage::Signed, d("2026-12-01"));
        assert_eq!((back, same), (stage, dates));
    }

    #[test]
    fn a_passed_stage_date_is_yellow_then_red_like_a_case() {
        let cal = WorkCalendar::weekends_only();
        let ladder = Ladder {
            blue_within_days: 3,
            red_after_days: 5,
        };
        // Friday 2026-11-20 planned; the following Friday is 5 working days late.
        let due = Some(d("2026-11-20"));
        assert_eq!(behind_colour(due, d("2026-11-20"), &cal, ladder), None);
        assert_eq!(
            behind_colour(due, d("2026-11-23"), &cal, ladder),
            Some(Colour::Yellow)
        );
        assert_eq!(
            behind_colour(due, d("2026-11-27"), &cal, ladder),
            Some(Colour::Yellow)
        );
        assert_eq!(
            behind_colour(due, d("2026-11-30"), &cal, ladder),
            Some(Colour::Red)
        );
        let cutoff = red_before(d("2026-11-30"), &cal, ladder);
        assert!(d("2026-11-20") < cutoff && d("2026-11-23") >= cutoff);
    }

    #[test]
    fn the_monthly_report_is_asked_on_a_working_day() {
        let cal = WorkCalendar::weekends_only();
        // 2026-12-20 is a Sunday.
        assert_eq!(ask_on(d("2026-12-05"), 20, &cal), d("2026-12-21"));
        assert_eq!(ask_on(d("2026-02-01"), 31, &cal), d("2026-03-02"));
        assert_eq!(report_due(d("2026-12-01"), 20, 3, &cal), d("2026-12-24"));
    }

    #[test]
    fn dates_are_read_as_spreadsheets_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5);
        for s in ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日"] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        for bad in ["2026-02-30", "26-3-5", "明年三月", "2026-03"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn problems_are_one_a_line_without_their_numbers() {
        assert_eq!(
            problems("1. 用电增容未批复\n\n2、3号楼地基渗水\n10) 资金未到位"),
            ["用电增容未批复", "3号楼地基渗水", "资金未到位"]
        );
        assert!(problems("无").is_empty());
        assert!(problems(" None ").is_empty());
    }
}
