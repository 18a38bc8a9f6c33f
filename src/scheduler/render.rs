//! The scheduler's messages, rendered in the recipient's language from `scheduler.ftl`.

use chrono::NaiveDate;

use super::rules::{self, Colour};
use super::summary::{CadreExtras, CaseLine, DepartmentExtras};
use crate::domain::WorkCalendar;
use crate::i18n::{Args, t, tr};
use crate::reports::render::percent;
use crate::reports::{OverdueCase, Summary, render_summary};
use crate::store::outbox::Recipient;

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

/// The enterprise as a message to `recipient` names it: a group chat, which anyone in the
/// group reads, is told to ask in private instead.
pub fn enterprise_for(locale: &str, recipient: Recipient, name: &str) -> String {
    match recipient {
        Recipient::Group(_) => t(locale, "sched-group-enterprise"),
        Recipient::Person(_) => name.to_string(),
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
    let texts: Vec<CaseText<'_>> = cases.iter().map(CaseText::from).collect();
    text_lines(
        locale,
        &texts,
        total,
        |i| cases.get(i).and_then(&colour),
        today,
        cal,
    )
}

fn text_lines(
    locale: &str,
    cases: &[CaseText<'_>],
    total: usize,
    colour: impl Fn(usize) -> Option<Colour>,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let mut lines: Vec<String> = cases
        .iter()
        .take(MAX_LINES)
        .enumerate()
        .map(|(i, c)| {
            let left = match c.deadline {
                Some(d) => days_left(locale, d, today, cal),
                None => t(locale, "sched-no-deadline"),
            };
            let args = Args::new()
                .str("number", c.number)
                .str("enterprise", c.enterprise)
                .str("department", department_name(locale, c.department))
                .html("left", left);
            match colour(i) {
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

/// The report figures a weekly summary states, straight from `reports::summary_for`: the one
/// definition of each figure (see the README, "Figures and assessment"), and the cases by
/// service mode when any has one.
pub fn weekly_figures(locale: &str, s: &Summary) -> String {
    let f = &s.totals;
    let figures = tr(
        locale,
        "sched-weekly-figures",
        Args::new()
            .num("new", f.new as f64)
            .num("resolved", f.flow.resolved as f64)
            .num("closed", f.flow.closed as f64)
            .str("on_time", percent(locale, f.flow.on_time_rate()))
            .str("satisfaction", percent(locale, f.flow.satisfaction_rate()))
            .str("today", date(s.today))
            .num("open", f.stock.open as f64)
            .num("unsigned", f.stock.awaiting_sign_for as f64)
            .num("overdue", f.stock.overdue as f64),
    );
    [s.by_mode.line(locale), s.rectifications.line(locale)]
        .into_iter()
        .flatten()
        .fold(figures, |text, line| format!("{text}\n{line}"))
}

/// A heading and its lines, or nothing when there are no lines.
fn section(locale: &str, heading: &str, lines: String, any: bool) -> String {
    if any {
        format!("\n{}\n{}", t(locale, heading), lines)
    } else {
        String::new()
    }
}

/// The overdue cases `reports` lists, one line each.
fn overdue_lines(
    locale: &str,
    cases: &[OverdueCase],
    total: usize,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let texts: Vec<CaseText<'_>> = cases
        .iter()
        .map(|c| CaseText {
            number: &c.number,
            enterprise: &c.enterprise,
            department: c.department.as_deref(),
            deadline: Some(c.deadline),
        })
        .collect();
    text_lines(locale, &texts, total, |_| None, today, cal)
}

/// A cadre's week: the report figures of their enterprises, then their open cases.
pub fn weekly_cadre(
    locale: &str,
    s: &Summary,
    x: &CadreExtras,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let open = s.totals.stock.open as usize;
    let list = section(
        locale,
        "sched-weekly-open-cases",
        case_lines(locale, &x.open_cases, open, |_| None, today, cal),
        !x.open_cases.is_empty(),
    );
    tr(
        locale,
        "sched-weekly-cadre",
        Args::new()
            .str("from", date(s.period.from))
            .str("to", date(s.period.to))
            .num("enterprises", x.enterprises as f64)
            .html("figures", weekly_figures(locale, s))
            .html("list", list),
    )
}

/// A department's week: the report figures of its cases, its overdue cases (from the report),
/// then what it has due this week and waiting to be signed for.
pub fn weekly_department(
    locale: &str,
    department: &str,
    s: &Summary,
    x: &DepartmentExtras,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> String {
    let overdue = section(
        locale,
        "sched-weekly-overdue-cases",
        overdue_lines(
            locale,
            &s.worst_overdue,
            s.totals.stock.overdue as usize,
            today,
            cal,
        ),
        !s.worst_overdue.is_empty(),
    );
    let due = section(
        locale,
        "sched-weekly-due-cases",
        case_lines(
            locale,
            &x.due_this_week,
            x.due_this_week.len(),
            |_| None,
            today,
            cal,
        ),
        !x.due_this_week.is_empty(),
    );
    let unsigned = section(
        locale,
        "sched-weekly-unsigned-cases",
        case_lines(
            locale,
            &x.awaiting_sign_for,
            x.awaiting_sign_for.len(),
            |_| None,
            today,
            cal,
        ),
        !x.awaiting_sign_for.is_empty(),
    );
    tr(
        locale,
        "sched-weekly-department",
        Args::new()
            .str("department", department)
            .str("from", date(s.period.from))
            .str("to", date(s.period.to))
            .html("figures", weekly_figures(locale, s))
            .num("due_week", x.due_this_week.len() as f64)
            .html("list", format!("{overdue}{due}{unsigned}")),
    )
}

/// The leaders' week: the county summary exactly as `reports` renders it on demand.
pub fn weekly_county(locale: &str, s: &Summary) -> String {
    tr(
        locale,
        "sched-weekly-county",
        Args::new().html("summary", render_summary(locale, s)),
    )
}
