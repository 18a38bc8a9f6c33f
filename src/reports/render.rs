//! Summaries as text (Telegram HTML, through the locale files) and the drill-down as data: each
//! option names the period and filter it leads to, so any messenger can make buttons of it.
//! The drill goes county → a category → a department → its cases, or county → a township →
//! its enterprises' cases, or county → a cadre → their enterprises' cases (`drill`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::figures::{Figures, Filter, GroupKey, Scope};
use super::period::PeriodSpec;
use super::{CaseList, GroupRow, Summary};
use crate::i18n::{Args, t, tr};

/// How many rows of each breakdown the text shows.
pub const ROWS_SHOWN: usize = 5;
/// How many drill options of one kind are offered.
pub const DRILL_OPTIONS: usize = 9;

/// Where a drill-down option leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DrillTarget {
    pub period: PeriodSpec,
    pub filter: Filter,
    pub view: DrillView,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrillView {
    /// The figures, with options to drill by category (then department).
    Summary,
    Cases,
    /// The figures, with an option for each township (以块为主: county → township → cases).
    Townships,
    /// The figures, with an option for each cadre (county → cadre → cases).
    Cadres,
}

/// A button's worth: its label (plain text) and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillOption {
    pub label: String,
    pub target: DrillTarget,
}

/// The summary text and where one can go from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryView {
    pub text: String,
    /// Rows of options: deeper first, then the other periods, then up one level.
    pub drill: Vec<Vec<DrillOption>>,
}

pub fn category_name(locale: &str, c: crate::domain::Category) -> String {
    t(locale, &format!("category-{}", c.code()))
}

pub fn period_name(locale: &str, spec: PeriodSpec) -> String {
    let key = match spec {
        PeriodSpec::ThisWeek => "report-period-this_week",
        PeriodSpec::LastWeek => "report-period-last_week",
        PeriodSpec::ThisMonth => "report-period-this_month",
        PeriodSpec::LastMonth => "report-period-last_month",
        PeriodSpec::ThisQuarter => "report-period-this_quarter",
        PeriodSpec::LastQuarter => "report-period-last_quarter",
        PeriodSpec::ThisYear => "report-period-this_year",
        PeriodSpec::LastYear => "report-period-last_year",
        PeriodSpec::Month { month } => {
            return tr(
                locale,
                "report-period-month",
                Args::new().num("month", month),
            );
        }
        PeriodSpec::Range { .. } => "report-period-range",
    };
    t(locale, key)
}

/// A rate as a percentage with at most one decimal, or "—" when there is nothing to measure.
pub fn percent(locale: &str, rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{}%", one_decimal(r * 100.0)),
        None => t(locale, "report-none"),
    }
}

/// A number of days with one decimal, or "—".
pub fn days(locale: &str, d: Option<f64>) -> String {
    match d {
        Some(d) => tr(
            locale,
            "report-days",
            Args::new().str("days", one_decimal(d)),
        ),
        None => t(locale, "report-none"),
    }
}

/// `12`, `87.5`: one decimal, none when it is zero.
pub fn one_decimal(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The label of a group (a category, a department, a township, a cadre).
pub fn group_label(locale: &str, row: &GroupRow) -> String {
    match (row.key, &row.name) {
        (GroupKey::Category(c), _) => category_name(locale, c),
        (_, Some(name)) => name.clone(),
        (GroupKey::Department(None), _) => t(locale, "report-no-department"),
        (GroupKey::Cadre(None), _) => t(locale, "report-no-cadre"),
        _ => t(locale, "report-unknown"),
    }
}

/// Whether a group's line has a count that is not zero.
fn says_something(row: &GroupRow) -> bool {
    let f = &row.figures;
    f.new != 0 || f.flow.closed != 0 || f.stock.open != 0 || f.stock.overdue != 0
}

fn group_line(locale: &str, row: &GroupRow) -> String {
    let f = &row.figures;
    tr(
        locale,
        "report-group-line",
        Args::new()
            .str("name", group_label(locale, row))
            .num("new", f.new as f64)
            .num("closed", f.flow.closed as f64)
            .num("open", f.stock.open as f64)
            .num("overdue", f.stock.overdue as f64),
    )
}

fn figures_lines(locale: &str, f: &Figures, today: NaiveDate) -> Vec<String> {
    vec![
        t(locale, "report-flow-heading"),
        tr(
            locale,
            "report-flow-line",
            Args::new()
                .num("new", f.new as f64)
                .num("dispatched", f.flow.dispatched as f64)
                .num("signed", f.flow.signed_for as f64)
                .num("resolved", f.flow.resolved as f64)
                .num("closed", f.flow.closed as f64),
        ),
        tr(
            locale,
            "report-flow-line-2",
            Args::new()
                .num("returned", f.flow.returned as f64)
                .num("reopened", f.flow.reopened as f64),
        ),
        tr(
            locale,
            "report-rates",
            Args::new()
                .str("on_time", percent(locale, f.flow.on_time_rate()))
                .str("satisfaction", percent(locale, f.flow.satisfaction_rate())),
        ),
        tr(
            locale,
            "report-medians",
            Args::new()
                .str("sign", days(locale, f.median_days_to_sign_for))
                .str("resolve", days(locale, f.median_days_to_resolve)),
        ),
        String::new(),
        tr(
            locale,
            "report-stock-heading",
            Args::new().str("today", date(today)),
        ),
        tr(
            locale,
            "report-stock-line",
            Args::new()
                .num("awaiting_dispatch", f.stock.awaiting_dispatch as f64)
                .num("awaiting_sign_for", f.stock.awaiting_sign_for as f64)
                .num("in_progress", f.stock.in_progress as f64)
                .num(
                    "awaiting_confirmation",
                    f.stock.awaiting_confirmation as f64,
                )
                .num("overdue", f.stock.overdue as f64),
        ),
    ]
}

/// A group's lines, the groups whose line would read all zero left out (a department that
/// only had a case dispatched and returned: none of its four counts says so).
fn breakdown(locale: &str, heading: &str, rows: &[GroupRow], out: &mut Vec<String>) {
    let rows: Vec<&GroupRow> = rows.iter().filter(|r| says_something(r)).collect();
    if rows.len() < 2 {
        return;
    }
    out.push(String::new());
    out.push(t(locale, heading));
    out.extend(rows.iter().take(ROWS_SHOWN).map(|r| group_line(locale, r)));
    if rows.len() > ROWS_SHOWN {
        out.push(tr(
            locale,
            "report-more",
            Args::new().num("count", (rows.len() - ROWS_SHOWN) as f64),
        ));
    }
}

/// The summary as one message (Telegram HTML).
pub fn render_summary(locale: &str, s: &Summary) -> String {
    let mut out = vec![t(locale, "report-title")];
    let scope = match (s.scope, &s.names.scope) {
        (Scope::County, _) => t(locale, "report-scope-county"),
        (Scope::Department(_), name) => tr(
            locale,
            "report-scope-department",
            Args::new().str("name", name.clone().unwrap_or_default()),
        ),
        (Scope::Cadre(_), name) => tr(
            locale,
            "report-scope-cadre",
            Args::new().str("name", name.clone().unwrap_or_default()),
        ),
        (Scope::Township(_), name) => tr(
            locale,
            "townships-scope",
            Args::new().str("name", name.clone().unwrap_or_default()),
        ),
    };
    out.push(tr(
        locale,
        "report-scope-line",
        Args::new().html("scope", scope),
    ));
    out.push(tr(
        locale,
        "report-period-line",
        Args::new()
            .str("period", period_name(locale, s.period.spec))
            .str("from", date(s.period.from))
            .str("to", date(s.period.to)),
    ));
    let mut filters = vec![];
    if let Some(c) = s.filter.category {
        filters.push(tr(
            locale,
            "report-filter-category",
            Args::new().str("name", category_name(locale, c)),
        ));
    }
    for (id, name, key) in [
        (
            s.filter.department_id,
            &s.names.department,
            "report-filter-department",
        ),
        (
            s.filter.township_id,
            &s.names.township,
            "report-filter-township",
        ),
        (s.filter.cadre_id, &s.names.cadre, "report-filter-cadre"),
    ] {
        if id.is_some() {
            let name = name.clone().unwrap_or_else(|| t(locale, "report-unknown"));
            filters.push(tr(locale, key, Args::new().str("name", name)));
        }
    }
    if !filters.is_empty() {
        out.push(tr(
            locale,
            "report-filter-line",
            Args::new().html("filters", filters.join(" · ")),
        ));
    }
    out.push(String::new());
    if s.totals.is_quiet() {
        out.push(t(locale, "report-quiet"));
        out.extend(s.rectifications.line(locale));
        return out.join("\n");
    }
    out.extend(figures_lines(locale, &s.totals, s.today));
    out.extend(s.by_mode.line(locale));
    out.extend(s.rectifications.line(locale));
    breakdown(locale, "report-by-category", &s.by_category, &mut out);
    breakdown(locale, "report-by-department", &s.by_department, &mut out);
    breakdown(locale, "report-by-township", &s.by_township, &mut out);
    if !s.worst_overdue.is_empty() {
        out.push(String::new());
        out.push(t(locale, "report-overdue-heading"));
        for c in &s.worst_overdue {
            out.push(tr(
                locale,
                "report-overdue-line",
                Args::new()
                    .str("number", &c.number)
                    .str("enterprise", &c.enterprise)
                    .str(
                        "department",
                        c.department
                            .clone()
                            .unwrap_or_else(|| t(locale, "report-no-department")),
                    )
                    .str("deadline", date(c.deadline))
                    .num("days", c.working_days_overdue as f64)
                    .str("supervised", if c.supervised { "yes" } else { "no" }),
            ));
        }
    }
    out.join("\n")
}

/// The case list at the bottom of a drill-down (Telegram HTML).
pub fn render_cases(locale: &str, list: &CaseList) -> String {
    if list.cases.is_empty() {
        return t(locale, "report-cases-none");
    }
    let mut out = vec![tr(
        locale,
        "report-cases-heading",
        Args::new().num("total", list.total as f64),
    )];
    for c in &list.cases {
        out.push(tr(
            locale,
            "report-case-line",
            Args::new()
                .str("number", &c.number)
                .str("enterprise", &c.enterprise_name)
                .str("status", t(locale, &format!("status-{}", c.status.code())))
                .str(
                    "overdue",
                    if c.is_overdue(list.today) {
                        "yes"
                    } else {
                        "no"
                    },
                ),
        ));
    }
    let shown = list.cases.len() as i64;
    if list.total > shown {
        out.push(tr(
            locale,
            "report-more",
            Args::new().num("count", (list.total - shown) as f64),
        ));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_days_are_shown_with_one_decimal_at_most() {
        assert_eq!(percent("en", Some(0.875)), "87.5%");
        assert_eq!(percent("en", Some(1.0)), "100%");
        assert_eq!(percent("en", None), t("en", "report-none"));
        assert_eq!(one_decimal(2.04), "2");
        assert_eq!(one_decimal(0.25), "0.3");
    }

    #[test]
    fn a_group_whose_line_would_read_all_zero_is_left_out_of_the_breakdown() {
        let row = |id: i64, name: &str, new: i64, dispatched: i64| {
            let mut figures = Figures {
                new,
                ..Figures::default()
            };
            figures.flow.dispatched = dispatched;
            figures.flow.returned = dispatched;
            GroupRow {
                key: GroupKey::Department(Some(id)),
                name: Some(name.into()),
                figures,
            }
        };
        let rows = [
            row(1, "县交通运输局", 2, 2),
            row(2, "县商务局", 0, 1),
            row(3, "县林业局", 1, 0),
        ];
        let mut out = Vec::new();
        breakdown("zh-CN", "report-by-department", &rows, &mut out);
        let text = out.join("\n");
        assert!(
            text.contains("县交通运输局") && text.contains("县林业局"),
            "{text}"
        );
        assert!(!text.contains("县商务局"), "{text}");
        // One group with something to say is no breakdown.
        let mut out = Vec::new();
        breakdown("zh-CN", "report-by-department", &rows[..2], &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
