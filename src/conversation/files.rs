//! A case's files (附件), for anyone who may see the case: the list with each file's kind,
//! name, who sent it and when — and the files themselves, sent again by the messenger's own
//! reference (photos as an album, documents and voice notes as themselves). Files kept through
//! another messenger, and locations, are listed only.
//!
//! ```text
//! 刘县长:  (presses 📎 查看附件 on the card of ZZ-2026-0001)
//! bot:     ZZ-2026-0001 的附件（3 个）：
//!          1. 照片 · 11-27 10:00 王建国
//!          2. 照片 · 11-27 10:01 王建国
//!          3. 文件 现场报告.pdf · 12-01 09:30 李科长
//!          (the two photos as an album, then 现场报告.pdf)
//! ```

use super::engine::EngineError;
use super::text;
use super::turn::Turn;
use crate::i18n::Args;
use crate::message::{Reply, StoredFile, StoredKind};
use crate::store::attachments::{self, AttachmentRow};
use crate::store::cases::CaseRow;

/// Characters of a caption sent under a file.
const CAPTION: usize = 200;

fn stored_kind(kind: &str) -> Option<StoredKind> {
    match kind {
        "photo" => Some(StoredKind::Photo),
        "document" => Some(StoredKind::Document),
        "voice" => Some(StoredKind::Voice),
        _ => None,
    }
}

/// One file as the list shows it: number, kind, name (or caption, or coordinates), who, when.
fn line(turn: &Turn<'_>, n: usize, a: &AttachmentRow) -> String {
    let tz = turn.engine.settings.timezone;
    let name = match a.kind.as_str() {
        "location" => a.file_id.clone(),
        _ => a
            .file_name
            .clone()
            .or_else(|| a.caption.as_deref().map(|c| text::excerpt(c, 40)))
            .unwrap_or_default(),
    };
    turn.tr(
        "casework-file-line",
        Args::new()
            .num("n", n as f64)
            .str("kind", turn.t(&format!("casework-file-kind-{}", a.kind)))
            .str("name", name)
            .str("who", &a.created_by_name)
            .str(
                "time",
                a.created_at
                    .with_timezone(&tz)
                    .format("%m-%d %H:%M")
                    .to_string(),
            ),
    )
}

/// Lists the case's files and sends those this messenger holds (the router has checked that
/// the person may see the case).
pub(crate) async fn send(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    let files = attachments::of_case(turn.conn, case.id).await?;
    if files.is_empty() {
        turn.say_args(
            "casework-files-none",
            Args::new().str("number", &case.number),
        );
        return Ok(());
    }
    let transport = turn.input.transport.code().to_string();
    let mut lines = vec![
        turn.tr(
            "casework-files-title",
            Args::new()
                .str("number", &case.number)
                .num("count", files.len() as f64),
        ),
    ];
    let mut stored = Vec::new();
    let mut elsewhere = 0;
    for (i, a) in files.iter().enumerate() {
        lines.push(line(turn, i + 1, a));
        match stored_kind(&a.kind) {
            Some(kind) if a.transport == transport => stored.push(StoredFile {
                kind,
                file_id: a.file_id.clone(),
                caption: a
                    .caption
                    .as_deref()
                    .map(|c| crate::i18n::escape_html(&text::excerpt(c, CAPTION))),
            }),
            Some(_) => elsewhere += 1,
            None => {}
        }
    }
    if elsewhere > 0 {
        lines.push(turn.tr(
            "casework-files-elsewhere",
            Args::new().num("count", elsewhere as f64),
        ));
    }
    let reply = Reply {
        stored,
        ..Reply::text(lines.join("\n"))
    };
    turn.push(reply);
    Ok(())
}
