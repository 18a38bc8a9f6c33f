//! The assessment table as text: the top of each ranking (departments, cadres, townships), the
//! confirmed measures, the formula and the approval items' on-time rates.

use super::assess::{Assessment, AssessmentRow, ROWS_SHOWN};
use super::render::{one_decimal, percent};
use super::{approval, assess_townships};
use crate::i18n::{Args, t, tr};

/// "96 分", or "无数据" when nothing was measured (no unit after it).
fn score_text(locale: &str, score: Option<f64>) -> String {
    score
        .map(|s| {
            tr(
                locale,
                "assess-score",
                Args::new().str("score", one_decimal(s)),
            )
        })
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

/// "3." before a ranked line; "—" before a line with no score (and so no rank).
fn rank_text(locale: &str, rank: Option<u32>) -> String {
    rank.map(|r| {
        tr(
            locale,
            "assess-rank",
            Args::new().str("rank", r.to_string()),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AssessmentWeights;
    use crate::reports::assess::{Subject, rank};
    use crate::reports::period::{Period, PeriodSpec};
    use chrono::NaiveDate;

    #[test]
    fn a_line_says_its_rank_and_score_and_an_unscored_line_says_so_without_a_unit() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("a day");
        let weights = AssessmentWeights::default();
        let mut measured = AssessmentRow::new(Subject::Department, 1, "县交通运输局".into());
        measured.dispatched = 2;
        measured.signed_in_time = 2;
        let mut late = AssessmentRow::new(Subject::Department, 2, "县科学技术局".into());
        late.resolved = 1;
        late.overdue = 3;
        let unmeasured = AssessmentRow::new(Subject::Department, 3, "县自然资源局".into());
        let mut departments = vec![unmeasured, late, measured];
        rank(&mut departments, &weights);
        let table = Assessment {
            period: Period {
                spec: PeriodSpec::LastMonth,
                from: day(1),
                to: day(30),
            },
            today: day(30),
            weights,
            departments,
            cadres: vec![],
            townships: vec![],
            approval: Default::default(),
            measures: vec![],
        };
        let text = render_assessment("zh-CN", &table);
        assert!(text.contains("1. 县交通运输局：<b>100 分</b>（"), "{text}");
        // Penalties stop at 0.
        assert!(text.contains("2. 县科学技术局：<b>0 分</b>（"), "{text}");
        assert!(text.contains("— 县自然资源局：<b>无数据</b>（"), "{text}");
        let text = render_assessment("en", &table);
        assert!(
            text.contains("1. 县交通运输局: <b>100 points</b> ("),
            "{text}"
        );
        assert!(text.contains("— 县自然资源局: <b>no data</b> ("), "{text}");
    }
}
