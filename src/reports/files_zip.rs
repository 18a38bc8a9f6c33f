//! `zhuqi export --with-files`: the files kept with the county's cases, as a zip beside the
//! workbook. Each case has a folder named by its number; `files.csv` lists every file, including
//! those the ledger holds no copy of (over the size cap, gone from the messenger, not fetched
//! yet), so nothing is silently missing.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::ReportError;
use super::export::csv_cell;
use super::ledger::ExportError;
use crate::i18n::t;
use crate::store::PgConnection;
use crate::store::file_copies::{self, ExportedFile};

/// What went into the zip.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ZipReport {
    /// Files listed in `files.csv`.
    pub listed: usize,
    /// Of them, the copies put into the zip.
    pub included: usize,
}

/// The manifest's columns.
const COLUMNS: [&str; 7] = [
    "export-col-number",
    "files-col-path",
    "files-col-kind",
    "files-col-name",
    "files-col-sender",
    "files-col-time",
    "files-col-copy",
];

/// Writes the zip of every case's files to `path`, reading the copies from `files_dir`.
pub async fn write_files_zip(
    conn: &mut PgConnection,
    files_dir: &Path,
    path: &Path,
    timezone: Tz,
    locale: &str,
) -> Result<ZipReport, ReportError> {
    let files = file_copies::for_export(conn).await?;
    let files_dir = files_dir.to_path_buf();
    let path = path.to_path_buf();
    let locale = locale.to_string();
    let report = tokio::task::spawn_blocking(move || {
        write_zip(&files, &files_dir, &path, timezone, &locale)
    })
    .await
    .map_err(|e| ExportError::Io(std::io::Error::other(e)))??;
    Ok(report)
}

fn write_zip(
    files: &[ExportedFile],
    files_dir: &Path,
    path: &Path,
    timezone: Tz,
    locale: &str,
) -> Result<ZipReport, ExportError> {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    // Photos and voice notes are compressed already: stored as they are, documents deflated.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut manifest = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    manifest.write_record(COLUMNS.iter().map(|k| t(locale, k)))?;
    let mut report = ZipReport::default();
    for file in files {
        report.listed += 1;
        let copy = file
            .stored_path
            .as_deref()
            .filter(|_| file.copy_state == "stored")
            .map(|relative| files_dir.join(relative));
        let mut in_zip = String::new();
        let mut state = state_key(&file.copy_state);
        if let Some(source) = copy {
            match std::fs::read(&source) {
                Ok(bytes) => {
                    in_zip = zip_name(file, &source);
                    let options = if file.kind == "document" {
                        deflated
                    } else {
                        stored
                    };
                    zip.start_file(in_zip.as_str(), options)?;
                    zip.write_all(&bytes)?;
                    report.included += 1;
                }
                Err(e) => {
                    tracing::warn!(path = %source.display(), error = %e, "a file's copy is missing");
                    state = "files-copy-missing";
                }
            }
        }
        let time = file
            .created_at
            .with_timezone(&timezone)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let kind = t(locale, &format!("casework-file-kind-{}", file.kind));
        let state = t(locale, state);
        let row = [
            file.case_number.as_str(),
            in_zip.as_str(),
            kind.as_str(),
            file.file_name.as_deref().unwrap_or(""),
            file.sender.as_str(),
            time.as_str(),
            state.as_str(),
        ];
        manifest.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
    }
    let manifest = manifest
        .into_inner()
        .map_err(|e| ExportError::Io(e.into_error()))?;
    zip.start_file("files.csv", deflated)?;
    zip.write_all(&manifest)?;
    zip.finish()?;
    Ok(report)
}

fn state_key(copy_state: &str) -> &'static str {
    match copy_state {
        "stored" => "files-copy-stored",
        "too_large" => "files-copy-too-large",
        "gone" => "files-copy-gone",
        "none" => "files-copy-none",
        _ => "files-copy-pending",
    }
}

/// `ZZ-2026-0241/12-现场报告.pdf`: the case's folder, the file's id (unique), and its own name
/// where it has one (made safe for every file system), else its kind and the copy's extension.
fn zip_name(file: &ExportedFile, copy: &Path) -> String {
    let ext = copy.extension().and_then(|e| e.to_str()).unwrap_or("bin");
    let name = file
        .file_name
        .as_deref()
        .map(safe_name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("{}.{ext}", file.kind));
    let folder = safe_name(&file.case_number);
    PathBuf::from(folder)
        .join(format!("{}-{name}", file.id))
        .to_string_lossy()
        .replace('\\', "/")
}

fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect::<String>()
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .chars()
        .take(120)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_s_own_name_is_made_safe_for_every_file_system() {
        assert_eq!(
            safe_name("../报告/第1版:终稿?.pdf"),
            "_报告_第1版_终稿_.pdf"
        );
        assert_eq!(safe_name("  .hidden "), "hidden");
    }
}
