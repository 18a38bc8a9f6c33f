//! What the terminal shows: replies and notifications as text, buttons as numbered choices,
//! photos as a line, documents saved to a folder.

use std::path::{Path, PathBuf};
use tokio::io::AsyncWrite;

use super::ConsoleError;
use super::session::Session;
use crate::i18n::{Args, html_to_text, plain, t, tr};
use crate::message::{OutFile, Reply};

impl<W: AsyncWrite + Unpin> Session<'_, W> {
    /// Prints replies, then the notifications waiting for this person, numbering every button;
    /// then who else has messages waiting.
    pub(super) async fn deliver(&mut self, replies: Vec<Reply>) -> Result<(), ConsoleError> {
        let now = self.clock.now();
        // Replies are shown even when the notifications cannot be fetched right now.
        let (notes, waiting) = match self.pending(now).await {
            Ok(found) => found,
            Err(e) => {
                tracing::warn!(error = %e, "console could not fetch notifications");
                (Vec::new(), Vec::new())
            }
        };
        let mut out = String::new();
        let mut choices = Vec::new();
        let locale = self.locale();
        let mut blocks: Vec<(Option<String>, Reply)> =
            replies.into_iter().map(|r| (None, r)).collect();
        blocks.extend(
            notes
                .into_iter()
                .map(|n| (Some(t(locale, "console-notice")), n.body)),
        );
        for (header, reply) in blocks {
            // A command menu is the messenger's business: the console has none to set.
            if reply.commands.is_some() {
                continue;
            }
            self.next_message_id += 1;
            if let Some(h) = header {
                out.push_str(&html_to_text(&h));
                out.push('\n');
            }
            let text = html_to_text(&reply.text);
            if !text.trim().is_empty() {
                out.push_str(text.trim_end());
                out.push('\n');
            }
            if let Some(photo) = &reply.photo {
                out.push_str(&plain(
                    locale,
                    "console-photo",
                    Args::new()
                        .str("name", &photo.name)
                        .num("kb", kilobytes(photo.bytes.len())),
                ));
                out.push('\n');
            }
            if let Some(document) = &reply.document {
                out.push_str(&html_to_text(&save_document(locale, document).await));
                out.push('\n');
            }
            for button in reply.buttons.into_iter().flatten() {
                choices.push(button);
                out.push_str(&format!(
                    "  [{}] {}\n",
                    choices.len(),
                    html_to_text(&choices[choices.len() - 1].label)
                ));
            }
        }
        for w in waiting {
            out.push_str(&plain(
                locale,
                "console-waiting",
                Args::new()
                    .num("count", w.count as f64)
                    .str("name", w.name)
                    .str("code", w.code),
            ));
            out.push('\n');
        }
        if !choices.is_empty() {
            self.choices = choices;
        }
        self.write(&out).await
    }
}

/// Sizes as people read them: whole kilobytes, at least one.
fn kilobytes(bytes: usize) -> f64 {
    bytes.div_ceil(1024).max(1) as f64
}

/// Where the terminal puts the files the bot sends (a spreadsheet), since it cannot show them.
pub fn files_dir() -> PathBuf {
    std::env::temp_dir().join("zhuqi-files")
}

/// Writes a document the bot sent into `files_dir()` and says where it is (or why it is not).
async fn save_document(locale: &str, document: &OutFile) -> String {
    let name = Path::new(&document.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let dir = files_dir();
    let path = dir.join(&name);
    let written = match tokio::fs::create_dir_all(&dir).await {
        Ok(()) => tokio::fs::write(&path, &document.bytes).await,
        Err(e) => Err(e),
    };
    match written {
        Ok(()) => tr(
            locale,
            "console-document",
            Args::new()
                .str("name", &name)
                .num("kb", kilobytes(document.bytes.len()))
                .str("path", path.display().to_string()),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "console could not save a document");
            tr(
                locale,
                "console-document-failed",
                Args::new().str("name", &name).str("error", e.to_string()),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shown_in_whole_kilobytes() {
        assert_eq!(kilobytes(0), 1.0);
        assert_eq!(kilobytes(1024), 1.0);
        assert_eq!(kilobytes(1025), 2.0);
        assert_eq!(kilobytes(12 * 1024), 12.0);
    }

    #[tokio::test]
    async fn a_document_is_saved_under_its_own_name_only() {
        let document = OutFile {
            name: "../../台账-测试.xlsx".into(),
            bytes: b"PK\x03\x04 test".to_vec(),
        };
        let said = save_document("zh-CN", &document).await;
        let path = files_dir().join("台账-测试.xlsx");
        assert_eq!(
            said,
            tr(
                "zh-CN",
                "console-document",
                Args::new()
                    .str("name", "台账-测试.xlsx")
                    .num("kb", 1.0)
                    .str("path", path.display().to_string()),
            )
        );
        assert_eq!(std::fs::read(&path).unwrap(), document.bytes);
        std::fs::remove_file(&path).unwrap();
    }
}
