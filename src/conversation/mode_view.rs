//! How service modes (帮办 / 陪办 / 代办) read: the card's lines (the mode, the days and
//! places accompanied, the documents' checklist), the tag in case lists, and the words of a
//! refusal. Shared by the card, the lists and the engine's answer to a refused action.

use chrono_tz::Tz;

use crate::domain::ServiceMode;
use crate::domain::service_mode::ModeRefusal;
use crate::i18n::{Args, t, tr};
use crate::store::cases::CaseRow;
use crate::store::{PgConnection, StoreError, service_modes};

/// A mode's name, as people say it (帮办, 陪办, 代办).
pub(crate) fn mode_name(locale: &str, mode: ServiceMode) -> String {
    t(locale, &format!("modes-mode-{}", mode.code()))
}

/// The lines a case card shows for its service mode: none for a case without one and without
/// records.
pub(crate) async fn card_lines(
    conn: &mut PgConnection,
    locale: &str,
    tz: Tz,
    case: &CaseRow,
) -> Result<Vec<String>, StoreError> {
    let mut lines = Vec::new();
    if let Some(mode) = case.service_mode() {
        lines.push(tr(
            locale,
            "modes-card-mode",
            Args::new().str("mode", mode_name(locale, mode)),
        ));
    }
    for a in service_modes::accompaniments(conn, case.id).await? {
        lines.push(tr(
            locale,
            "modes-card-accompanied",
            Args::new()
                .str("date", a.accompanied_on.format("%Y-%m-%d").to_string())
                .str("place", a.place)
                .str("officer", a.officer_name),
        ));
    }
    let documents = service_modes::documents(conn, case.id).await?;
    if !documents.is_empty() {
        lines.push(t(locale, "modes-card-documents"));
    }
    let day = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&tz).format("%m-%d").to_string();
    for d in documents {
        let args = Args::new()
            .str("name", d.name)
            .str("received", day(d.received_at))
            .str("receiver", d.received_by_name);
        lines.push(match (d.returned_at, d.returned_by_name) {
            (Some(at), Some(by)) => tr(
                locale,
                "modes-card-document-returned",
                args.str("returned", day(at)).str("returner", by),
            ),
            _ => tr(locale, "modes-card-document-out", args),
        });
    }
    Ok(lines)
}

/// The mode as a case list shows it after the line (empty without one).
pub(crate) fn list_tag(locale: &str, case: &CaseRow) -> String {
    case.service_mode()
        .map(|m| {
            tr(
                locale,
                "modes-list-tag",
                Args::new().str("mode", mode_name(locale, m)),
            )
        })
        .unwrap_or_default()
}

/// What the person is told when the ledger refuses a mode change or a resolution.
pub(crate) fn refusal(locale: &str, r: &ModeRefusal) -> String {
    match r {
        ModeRefusal::Unchanged => t(locale, "modes-unchanged"),
        ModeRefusal::NotInMode(mode) => tr(
            locale,
            "modes-not-in-mode",
            Args::new().str("mode", mode_name(locale, *mode)),
        ),
        ModeRefusal::NoDocument => t(locale, "modes-no-document"),
        ModeRefusal::AlreadyReturned => t(locale, "modes-already-returned"),
        ModeRefusal::DocumentsOut(names) => tr(
            locale,
            "modes-resolve-documents-out",
            Args::new().num("count", names.len() as f64).str(
                "documents",
                names.join(&t(locale, "modes-document-separator")),
            ),
        ),
    }
}
