//! The scheduler's messages, rendered in the recipient's language from `scheduler.ftl`.

use chrono::NaiveDate;

use super::rules::{self, Colour};
use super::summary::{Breakdown, CadreFigures, CaseLine, CountyFigures, DepartmentFigures};
use crate::domain::{Category, WorkCalendar};
use crate::i18n::{Args, t, tr};

/// Longest list of cases or rows in one message; the rest is counted. Keeps every message well
/// under the messenger's 4096-character limit.
pub const MAX_LINES: usize = 10;

/// What a message says about a case.
#[derive(Debug, Clone, Copy)]
pub struct CaseText<'a> {
    pub number: &'a str,
    pub enterprise: &'a str,
    pub department: Option<&'a str>,
    pub deadline: Option<NaiveDate>,
}

impl<'a> From<&'a CaseLine> for CaseText<'a> {
    fn from(c: &'a CaseLine) -> Self {
        CaseText {
            number: &c.number,
            enterprise: &c.enterprise,
            department: c.department.as_deref(),
            deadline: c.deadline,
        }
    }
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "3 working days left", "due today", "overdue by 2 working days".
pub fn days_left(
    locale: &str,
    deadline: NaiveDate,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let left = rules::working_days_left(deadline, today, cal);
    if left < 0 {
        tr(
            locale,
            "calendar-days-overdue",
            Args::new().num("days", -left as f64),
        )
    } else {
        tr(
            locale,
            "calendar-days-left",
            Args::new().num("days", left as f64),
        )
    }
}

fn department_name(locale: &str, department: Option<&str>) -> String {
    department.map_or_else(|| t(locale, "sched-undispatched"), str::to_string)
}

/// The block naming a case: number, enterprise, department, deadline and days left.
pub fn case_block(locale: &str, c: CaseText<'_>, today: NaiveDate, cal: &WorkCalendar) -> String {
    let (deadline, left) = match c.deadline {
        Some(d) => (date(d), days_left(locale, d, today, cal)),
        None => (t(locale, "sched-no-deadline"), t(locale, "sched-none")),
    };
    tr(
        locale,
        "sched-case",
        Args::new()
            .str("number", c.number)
            .str("enterprise", c.enterprise)
            .str("department", department_name(locale, c.department))
            .str("deadline", deadline)
            .html("left", left),
    )
}

/// A message about one case: `key` with the case block as `$case` and `days` if given.
pub fn case_message(
    locale: &str,
    key: &str,
    c: CaseText<'_>,
    days: Option<i64>,
    colour: Option<Colour>,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let mut args = Args::new().html("case", case_block(locale, c, today, cal));
    if let Some(days) = days {
        args = args.num("days", days as f64);
    }
    if let Some(colour) = colour {
        args = args.str("colour", colour.label(locale));
    }
    tr(locale, key, args)
}

/// One line per case, at most `MAX_LINES`, with a count of the rest.
pub fn case_lines(
    locale: &str,
    cases: &[CaseLine],
    total: usize,
    colour: impl Fn(&CaseLine) -> Option<Colour>,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let mut lines: Vec<String> = cases
        .iter()
        .take(MAX_LINES)
        .map(|c| {
            let left = match c.deadline {
                Some(d) => days_left(locale, d, today, cal),
                None => t(locale, "sched-no-deadline"),
            };
            let args = Args::new()
                .str("number", &c.number)
                .str("enterprise", &c.enterprise)
                .str(
                    "department",
                    department_name(locale, c.department.as_deref()),
                )
                .html("left", left);
            match colour(c) {
                Some(col) => tr(
                    locale,
                    "sched-case-line-colour",
                    args.str("colour", col.label(locale)),
                ),
                None => tr(locale, "sched-case-line", args),
            }
        })
        .collect();
    let shown = lines.len();
    if total > shown {
        lines.push(tr(
            locale,
            "sched-more",
            Args::new().num("count", (total - shown) as f64),
        ));
    }
    if lines.is_empty() {
        lines.push(t(locale, "sched-none"));
    }
    lines.join("\n")
}

fn rate(locale: &str, percent: Option<i64>) -> String {
    match percent {
        Some(p) => tr(locale, "sched-rate", Args::new().num("percent", p as f64)),
        None => t(locale, "sched-rate-none"),
    }
}

/// The period line's dates: the first and last local days of `[from, to)`.
pub struct PeriodText {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

pub fn weekly_cadre(
    locale: &str,
    f: &CadreFigures,
    period: &PeriodText,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let list = if f.open_cases.is_empty() {
        String::new()
    } else {
        format!(
            "{}\n{}",
            t(locale, "sched-weekly-open-cases"),
            case_lines(locale, &f.open_cases, f.open as usize, |_| None, today, cal)
        )
    };
    tr(
        locale,
        "sched-weekly-cadre",
        Args::new()
            .str("from", date(period.from))
            .str("to", date(period.to))
            .num("enterprises", f.enterprises as f64)
            .num("new", f.new as f64)
            .num("closed", f.closed as f64)
            .num("open", f.open as f64)
            .num("overdue", f.overdue as f64)
            .html("list", list),
    )
}

pub fn weekly_department(
    locale: &str,
    department: &str,
    f: &DepartmentFigures,
    period: &PeriodText,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let list = if f.overdue_cases.is_empty() {
        String::new()
    } else {
        format!(
            "{}\n{}",
            t(locale, "sched-weekly-overdue-cases"),
            case_lines(
                locale,
                &f.overdue_cases,
                f.overdue as usize,
                |_| None,
                today,
                cal
            )
        )
    };
    tr(
        locale,
        "sched-weekly-department",
        Args::new()
            .str("department", department)
            .str("from", date(period.from))
            .str("to", date(period.to))
            .num("queue", f.queue as f64)
            .num("unsigned", f.awaiting_sign_for as f64)
            .num("overdue", f.overdue as f64)
            .num("due_week", f.due_this_week as f64)
            .num("closed", f.closed as f64)
            .html("list", list),
    )
}

fn breakdown_rows(locale: &str, rows: &[Breakdown], name: impl Fn(&Breakdown) -> String) -> String {
    let mut lines: Vec<String> = rows
        .iter()
        .take(MAX_LINES)
        .map(|b| {
            tr(
                locale,
                "sched-weekly-row",
                Args::new()
                    .str("name", name(b))
                    .num("new", b.new as f64)
                    .num("closed", b.closed as f64)
                    .num("overdue", b.overdue as f64)
                    .str("rate", rate(locale, b.on_time_percent())),
            )
        })
        .collect();
    if rows.len() > MAX_LINES {
        lines.push(tr(
            locale,
            "sched-more",
            Args::new().num("count", (rows.len() - MAX_LINES) as f64),
        ));
    }
    if lines.is_empty() {
        lines.push(t(locale, "sched-none"));
    }
    lines.join("\n")
}

pub fn weekly_county(
    locale: &str,
    f: &CountyFigures,
    period: &PeriodText,
    colour: impl Fn(&CaseLine) -> Option<Colour>,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let category = |b: &Breakdown| {
        b.key
            .as_deref()
            .and_then(Category::parse)
            .map(|c| t(locale, &format!("category-{}", c.code())))
            .unwrap_or_else(|| b.key.clone().unwrap_or_default())
    };
    let named = |b: &Breakdown| {
        b.key
            .clone()
            .unwrap_or_else(|| t(locale, "sched-undispatched"))
    };
    tr(
        locale,
        "sched-weekly-county",
        Args::new()
            .str("from", date(period.from))
            .str("to", date(period.to))
            .num("new", f.new as f64)
            .num("closed", f.closed as f64)
            .str("rate", rate(locale, f.on_time_percent()))
            .num("overdue", f.overdue as f64)
            .html(
                "by_category",
                breakdown_rows(locale, &f.by_category, category),
            )
            .html(
                "by_department",
                breakdown_rows(locale, &f.by_department, named),
            )
            .html("by_township", breakdown_rows(locale, &f.by_township, named))
            .html(
                "worst",
                case_lines(
                    locale,
                    &f.worst_overdue,
                    f.overdue as usize,
                    colour,
                    today,
                    cal,
                ),
            ),
    )
}
