//! What a person sent that the ledger keeps as a file of the case: a photo, a document, a
//! voice message or a location.

use super::text;
use crate::message::InputKind;
use crate::store::attachments::FileRef;

/// A photo, document, voice message or location, as the ledger keeps it.
pub(crate) fn file_of(kind: &InputKind) -> Option<FileRef> {
    let file = |kind: &str, file_id: String| FileRef {
        kind: kind.into(),
        file_id,
        file_unique_id: None,
        file_name: None,
        mime_type: None,
        size_bytes: None,
        caption: None,
    };
    Some(match kind {
        InputKind::Photo { file_id, caption } => FileRef {
            caption: caption.as_deref().map(text::clean),
            ..file("photo", file_id.clone())
        },
        InputKind::Document {
            file_id,
            file_name,
            mime_type,
            size,
            caption,
        } => FileRef {
            file_name: file_name.as_deref().map(text::clean),
            mime_type: mime_type.clone(),
            size_bytes: size.and_then(|s| i64::try_from(s).ok()),
            caption: caption.as_deref().map(text::clean),
            ..file("document", file_id.clone())
        },
        InputKind::Voice { file_id, .. } => file("voice", file_id.clone()),
        InputKind::Location {
            latitude,
            longitude,
        } => file("location", format!("{latitude:.6},{longitude:.6}")),
        _ => return None,
    })
}
