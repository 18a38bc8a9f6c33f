//! The assessment table (考核) outside chat, for `zhuqi assess`: as text (every row, not only
//! the top the chat shows), as CSV (UTF-8 with a byte order mark, so that Excel reads the
//! Chinese) or as a workbook of one sheet, the same sheet as the export's second.

use serde::{Deserialize, Serialize};

use super::assess::{Assessment, AssessmentRow, Subject};
use super::assess_render::render_assessment_rows;
use super::ledger::ExportError;
use super::render::one_decimal;
use super::workbook::{all_rows, assessment_headers, assessment_workbook, subject_label};
use crate::i18n::html_to_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessFormat {
    Text,
    Csv,
    Xlsx,
}

/// The table in `format`, as the bytes of a file (text: plain UTF-8 lines).
pub fn assessment_bytes(
    a: &Assessment,
    locale: &str,
    format: AssessFormat,
) -> Result<Vec<u8>, ExportError> {
    match format {
        AssessFormat::Text => {
            let rows = a
                .departments
                .len()
                .max(a.cadres.len())
                .max(a.townships.len());
            let mut text = html_to_text(&render_assessment_rows(locale, a, rows));
            text.push('\n');
            Ok(text.into_bytes())
        }
        AssessFormat::Csv => assessment_csv(a, locale),
        AssessFormat::Xlsx => Ok(assessment_workbook(a, locale)?.save_to_buffer()?),
    }
}

/// A rate as the spreadsheet shows it (`75.0%`), empty when there is nothing to measure.
fn rate(v: Option<f64>) -> String {
    v.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_default()
}

/// A row's cells, in the sheet's columns.
fn cells(locale: &str, r: &AssessmentRow) -> Vec<String> {
    let cadre = r.subject == Subject::Cadre;
    vec![
        subject_label(locale, r.subject),
        r.rank.map(|x| x.to_string()).unwrap_or_default(),
        r.name.clone(),
        r.score.map(one_decimal).unwrap_or_default(),
        r.dispatched.to_string(),
        r.signed_in_time.to_string(),
        rate(r.response_rate()),
        r.resolved.to_string(),
        r.resolved_on_time.to_string(),
        rate(r.on_time_rate()),
        r.confirmed.to_string(),
        r.satisfied.to_string(),
        rate(r.satisfaction_rate()),
        r.overdue.to_string(),
        r.returned.to_string(),
        if cadre {
            r.visits.to_string()
        } else {
            String::new()
        },
        if cadre {
            rate(r.visit_rate())
        } else {
            String::new()
        },
    ]
}

fn assessment_csv(a: &Assessment, locale: &str) -> Result<Vec<u8>, ExportError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(assessment_headers(locale))?;
        for r in all_rows(a) {
            writer.write_record(cells(locale, r))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::render::percent;

    #[test]
    fn rates_in_the_csv_read_as_percentages() {
        assert_eq!(rate(Some(0.75)), "75.0%");
        assert_eq!(rate(None), "");
        // `percent` is the chat's; the file keeps one decimal always, as the sheet does.
        assert_eq!(percent("en", Some(0.75)), "75%");
    }
}
