//! 问责 and 总结推广 as people read them: a measure with its evidence, the assessment's table of
//! confirmed measures, the export's 问责记录 sheet, and the typical cases (典型案例).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::ReportError;
use super::ledger::ExportError;
use super::sheet;
use crate::domain::accountability::Measure;
use crate::i18n::{Args, t, tr};
use crate::store::PgConnection;
use crate::store::measures::{self, MeasureRow};
use crate::store::typical::TypicalRow;

/// The name of a measure (提醒谈话 / 约谈 / 通报 / 问责建议).
pub fn measure_label(locale: &str, measure: Measure) -> String {
    t(locale, &measure.label_key())
}

/// The name of a stored measure code.
pub fn label_of(locale: &str, code: &str) -> String {
    Measure::parse(code).map_or_else(|| code.to_string(), |m| measure_label(locale, m))
}

/// The rule's evidence, rendered from the figures stored with the measure.
pub fn evidence(locale: &str, row: &MeasureRow) -> String {
    let mut args = Args::new();
    if let Some(map) = row.evidence.as_object() {
        for (k, v) in map {
            args = match v {
                serde_json::Value::Number(n) => args.num(k, n.as_f64().unwrap_or(0.0)),
                serde_json::Value::String(s) => args.str(k, s),
                other => args.str(k, other.to_string()),
            };
        }
    }
    tr(
        locale,
        &format!("acc-evidence-{}", row.rule.replace('_', "-")),
        args,
    )
}

/// Who a measure is addressed to: the person, with their unit.
pub fn subject(locale: &str, row: &MeasureRow) -> String {
    let unknown = || t(locale, "acc-nobody");
    match (&row.person, &row.department) {
        (Some(p), Some(d)) => tr(
            locale,
            "acc-subject-in",
            Args::new().str("person", p).str("department", d),
        ),
        (Some(p), None) => p.clone(),
        (None, Some(d)) => d.clone(),
        (None, None) => unknown(),
    }
}

/// One line: number, measure, subject and evidence.
pub fn line(locale: &str, row: &MeasureRow) -> String {
    tr(
        locale,
        "acc-line",
        Args::new()
            .num("id", row.id as f64)
            .str("measure", label_of(locale, &row.measure))
            .str("subject", subject(locale, row))
            .html("evidence", evidence(locale, row)),
    )
}

fn local(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// Where a measure stands, in words (proposed; confirmed by whom and when; dismissed, why).
pub fn status_text(locale: &str, row: &MeasureRow, tz: Tz) -> String {
    let by = row
        .decided_by
        .clone()
        .unwrap_or_else(|| t(locale, "acc-nobody"));
    let at = row.decided_at.map(|d| local(d, tz)).unwrap_or_default();
    match row.status.as_str() {
        "confirmed" => tr(
            locale,
            "acc-status-confirmed",
            Args::new().str("by", by).str("at", at),
        ),
        "dismissed" => tr(
            locale,
            "acc-status-dismissed",
            Args::new()
                .str("by", by)
                .str("at", at)
                .str("reason", row.reason.clone().unwrap_or_default()),
        ),
        _ => t(locale, "acc-status-proposed"),
    }
}

/// A measure in full: the line, the proposal's time and where it stands.
pub fn card(locale: &str, row: &MeasureRow, tz: Tz) -> String {
    tr(
        locale,
        "acc-card",
        Args::new()
            .html("line", line(locale, row))
            .str("proposed", local(row.proposed_at, tz))
            .html("status", status_text(locale, row, tz)),
    )
}

/// The assessment's table of measures confirmed in its period (nothing when there are none).
pub fn assessment_section(locale: &str, rows: &[MeasureRow], shown: usize) -> Vec<String> {
    if rows.is_empty() {
        return vec![];
    }
    let mut out = vec![
        String::new(),
        tr(
            locale,
            "acc-assess-title",
            Args::new().num("count", rows.len() as f64),
        ),
    ];
    out.extend(rows.iter().take(shown).map(|r| line(locale, r)));
    out
}

/// One typical case: what it is (case number or project), the enterprise, the note.
pub fn typical_line(locale: &str, row: &TypicalRow) -> String {
    let what = match (&row.case_number, &row.project) {
        (Some(n), _) => n.clone(),
        (None, Some(p)) => tr(locale, "acc-typical-project", Args::new().str("project", p)),
        (None, None) => String::new(),
    };
    // A project whose unit bears the project's own name is named once.
    let key = match &row.project {
        Some(p) if row.case_number.is_none() && *p == row.enterprise => "acc-typical-line-unit",
        _ => "acc-typical-line",
    };
    tr(
        locale,
        key,
        Args::new()
            .str("what", what)
            .str("enterprise", &row.enterprise)
            .str("township", &row.township)
            .str("note", &row.note)
            .str("by", row.marked_by.clone().unwrap_or_default())
            .str("date", row.marked_at.date_naive().to_string()),
    )
}

const SHEET_COLUMNS: [&str; 11] = [
    "acc-col-id",
    "acc-col-rule",
    "acc-col-person",
    "acc-col-department",
    "acc-col-case",
    "acc-col-measure",
    "acc-col-evidence",
    "acc-col-status",
    "acc-col-proposed",
    "acc-col-decided",
    "acc-col-reason",
];

/// The export's 问责记录 sheet: every measure, proposed, confirmed or dismissed.
pub async fn add_sheet(
    workbook: &mut Workbook,
    conn: &mut PgConnection,
    locale: &str,
    tz: Tz,
) -> Result<(), ReportError> {
    let rows = measures::all(conn).await?;
    write_sheet(workbook, &rows, locale, tz).map_err(|e| ExportError::from(e).into())
}

fn write_sheet(
    workbook: &mut Workbook,
    rows: &[MeasureRow],
    locale: &str,
    tz: Tz,
) -> Result<(), XlsxError> {
    let headers = sheet::titles(locale, &SHEET_COLUMNS);
    let sheet = sheet::add(workbook, false, &t(locale, "acc-sheet"), &headers, &[])?;
    sheet.set_column_width(6, 48)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, r.id as f64)?;
        sheet.write_string(
            row,
            1,
            t(locale, &format!("acc-rule-{}", r.rule.replace('_', "-"))),
        )?;
        sheet.write_string(row, 2, r.person.clone().unwrap_or_default())?;
        sheet.write_string(row, 3, r.department.clone().unwrap_or_default())?;
        sheet.write_string(row, 4, r.case_number.clone().unwrap_or_default())?;
        sheet.write_string(row, 5, label_of(locale, &r.measure))?;
        sheet.write_string(row, 6, crate::i18n::html_to_text(&evidence(locale, r)))?;
        sheet.write_string(row, 7, t(locale, &format!("acc-state-{}", r.status)))?;
        sheet.write_string(row, 8, local(r.proposed_at, tz))?;
        if let Some(d) = r.decided_at {
            sheet.write_string(
                row,
                9,
                format!(
                    "{} {}",
                    local(d, tz),
                    r.decided_by.clone().unwrap_or_default()
                ),
            )?;
        }
        if let Some(reason) = &r.reason {
            sheet.write_string(row, 10, reason)?;
        }
    }
    sheet::filter(sheet, rows.len() as u32, SHEET_COLUMNS.len())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn project(name: &str, unit: &str) -> TypicalRow {
        TypicalRow {
            id: 1,
            case_number: None,
            project: Some(name.into()),
            enterprise: unit.into(),
            township: "云台镇".into(),
            category: None,
            note: "全程代办，提前开工".into(),
            marked_by: Some("张梦琪".into()),
            marked_at: Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_typical_project_is_named_once_when_its_unit_bears_its_name() {
        let same = typical_line("zh-CN", &project("农贸市场改造项目", "农贸市场改造项目"));
        assert_eq!(
            same,
            "• 重点项目：农贸市场改造项目（云台镇）：全程代办，提前开工（张梦琪 2026-11-28）"
        );
        let other = typical_line("zh-CN", &project("农贸市场改造项目", "云台城投公司"));
        assert!(
            other.starts_with("• 重点项目：农贸市场改造项目 · 云台城投公司（云台镇）"),
            "{other}"
        );
    }
}
