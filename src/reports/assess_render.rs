//! The assessment table as text: the top of each ranking (departments, cadres, townships), the
//! confirmed measures, the formula and the approval items' on-time rates.

use super::assess::{Assessment, AssessmentRow, ROWS_SHOWN};
use super::render::{one_decimal, percent};
use super::{approval, assess_townships};
use crate::i18n::{Args, t, tr};

fn score_text(locale: &str, score: Option<f64>) -> String {
    score
        .map(one_decimal)
        .unwrap_or_else(|| t(locale, "assess-no-score"))
}

/// What a department's and a cadre's lines share: rank, name, score, the three rates and the
/// overdue count.
fn row_args<'a>(locale: &str, r: &'a AssessmentRow) -> Args<'a> {
    Args::new()
        .str("rank", rank_text(locale, r.rank))
        .str("name", &r.name)
        .str("score", score_text(locale, r.score))
        .str("response", percent(locale, r.response_rate()))
        .str("on_time", percent(locale, r.on_time_rate()))
        .str("satisfaction", percent(locale, r.satisfaction_rate()))
        .num("overdue", r.overdue as f64)
}

fn rank_text(locale: &str, rank: Option<u32>) -> String {
    rank.map(|r| r.to_string())
        .unwrap_or_else(|| t(locale, "assess-no-rank"))
}

/// The table as one message (Telegram HTML): the top of each ranking and the formula.
pub fn render_assessment(locale: &str, a: &Assessment) -> String {
    render_assessment_rows(locale, a, ROWS_SHOWN)
}

/// The table with at most `shown` rows of each ranking, and the formula.
pub fn render_assessment_rows(locale: &str, a: &Assessment, shown: usize) -> String {
    let mut out = vec![tr(
        locale,
        "assess-title",
        Args::new()
            .str("from", a.period.from.to_string())
            .str("to", a.period.to.to_string()),
    )];
    if a.departments.is_empty() && a.cadres.is_empty() && a.townships.is_empty() {
        out.push(t(locale, "assess-empty"));
        return out.join("\n");
    }
    if !a.departments.is_empty() {
        out.push(String::new());
        out.push(t(locale, "assess-departments"));
        for r in a.departments.iter().take(shown) {
            out.push(tr(
                locale,
                "assess-line",
                row_args(locale, r).num("returned", r.returned as f64),
            ));
        }
    }
    if !a.cadres.is_empty() {
        out.push(String::new());
        out.push(t(locale, "assess-cadres"));
        for r in a.cadres.iter().take(shown) {
            out.push(tr(
                locale,
                "assess-line-cadre",
                row_args(locale, r)
                    .str("visit_rate", percent(locale, r.visit_rate()))
                    .num("visits", r.visits as f64),
            ));
        }
    }
    out.extend(super::measures::assessment_section(
        locale,
        &a.measures,
        shown,
    ));
    out.extend(assess_townships::render(locale, &a.townships, shown, |r| {
        tr(
            locale,
            "assess-line",
            row_args(locale, r).num("returned", r.returned as f64),
        )
    }));
    let w = &a.weights;
    out.push(String::new());
    out.push(tr(
        locale,
        "assess-formula",
        Args::new()
            .str("w_response", one_decimal(w.response))
            .str("w_on_time", one_decimal(w.on_time))
            .str("w_satisfaction", one_decimal(w.satisfaction))
            .str("w_visits", one_decimal(w.visits))
            .str("p_overdue", one_decimal(w.overdue_penalty))
            .str("p_return", one_decimal(w.return_penalty)),
    ));
    out.extend(approval::render_rates(locale, &a.approval, shown));
    out.join("\n")
}
