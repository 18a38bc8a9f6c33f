//! What goes into the conversation engine and what comes out of it: the messenger-neutral
//! contract every transport speaks, and the shape replies and notices are stored in.

mod stored_bytes;

use serde::{Deserialize, Serialize};

/// `InputKind::Unsupported::what` for an edited message: edits are not taken as new input.
pub const UNSUPPORTED_EDITED: &str = "edited_message";

/// The longest notice a button press's answer carries (what messengers show over the chat);
/// anything longer is said as a message instead.
pub const PRESS_NOTICE_MAX: usize = 200;

/// How long after a "too many messages" notice a chat is not told again.
pub const FLOOD_NOTICE_QUIET: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Which messenger (or the console) a chat lives on: an opaque code, chosen by the transport,
/// that the engine stores with accounts, conversations and attachments and never looks into,
/// so another messenger needs no change here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Transport(String);

impl Transport {
    pub fn new(code: impl Into<String>) -> Transport {
        Transport(code.into())
    }

    pub fn code(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatKind {
    Private,
    Group,
}

/// Something a person sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub transport: Transport,
    pub chat_id: i64,
    pub chat_kind: ChatKind,
    /// The sender's messenger user id.
    pub user_id: i64,
    pub user_name: Option<String>,
    /// The language the messenger reports for the sender, if any.
    pub language_code: Option<String>,
    pub kind: InputKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum InputKind {
    Text {
        text: String,
    },
    /// `/name args` (see `parse::command`, the one syntax every transport turns its commands
    /// into). A transport passes on only commands meant for this bot.
    Command {
        name: String,
        args: String,
    },
    /// A button press: `data` is the opaque token the button carried; `message_id` the
    /// message it was on, which a reply may replace.
    Callback {
        data: String,
        message_id: Option<i64>,
    },
    /// A photo; `file_id` is the transport's reference to fetch it again.
    Photo {
        file_id: String,
        caption: Option<String>,
    },
    Document {
        file_id: String,
        file_name: Option<String>,
        mime_type: Option<String>,
        size: Option<u64>,
        caption: Option<String>,
    },
    Voice {
        file_id: String,
        duration_secs: u32,
    },
    Location {
        latitude: f64,
        longitude: f64,
    },
    /// The bot was removed from this group (it left, or was kicked out): nothing said there
    /// reaches it any more, and nothing it sends there arrives.
    RemovedFromGroup,
    /// The group goes on as another chat (a group upgraded to a supergroup): its old and new
    /// chat ids. Either chat may tell it.
    GroupMoved {
        from_chat_id: i64,
        to_chat_id: i64,
    },
    /// Stickers, edited messages and anything else the bot does not take; `what` names it
    /// (`UNSUPPORTED_EDITED` for an edited message, otherwise free, e.g. `sticker`).
    Unsupported {
        what: String,
    },
}

/// A button: its label, and the opaque token the messenger sends back when it is pressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    pub data: String,
}

/// A file the bot sends (a chart, a spreadsheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutFile {
    pub name: String,
    #[serde(with = "stored_bytes")]
    pub bytes: Vec<u8>,
}

/// What kind of file a messenger already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredKind {
    Photo,
    Document,
    Voice,
}

/// A file the messenger already holds (an attachment of a case), sent again by its reference:
/// photos together as an album, documents and voice notes as themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    pub kind: StoredKind,
    /// The messenger's reference (Telegram's `file_id`).
    pub file_id: String,
    /// Shown under the file, in the engine's markup.
    pub caption: Option<String>,
}

/// A message from the bot. `text` is in the engine's markup (`i18n::MARKUP_TAGS`: `<b>` and
/// the four escapes), which each transport renders; a transport splits a text too long for
/// its messages itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    /// Rows of buttons.
    pub buttons: Vec<Vec<Button>>,
    /// Replace this earlier message (a pressed card) instead of sending a new one.
    pub edit_message_id: Option<i64>,
    pub photo: Option<OutFile>,
    pub document: Option<OutFile>,
    /// Files the messenger already holds, sent after the text (see `StoredFile`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stored: Vec<StoredFile>,
    /// The command menu for this chat (names and descriptions, in menu order), in place of a
    /// message: a messenger with menus sets the chat's menu; one without sends nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commands: Option<Vec<MenuCommand>>,
}

/// One entry of a chat's command menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuCommand {
    pub name: String,
    pub description: String,
}

impl From<String> for Reply {
    fn from(text: String) -> Reply {
        Reply::text(text)
    }
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }
    /// A chat's command menu, as a reply that carries nothing else.
    pub fn commands(commands: Vec<MenuCommand>) -> Reply {
        Reply {
            commands: Some(commands),
            ..Reply::default()
        }
    }
    pub fn with_buttons(mut self, buttons: Vec<Vec<Button>>) -> Reply {
        self.buttons = buttons;
        self
    }
}

/// What handling one input produced, for the transport to deliver after the commit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// Messages to the chat the input came from.
    pub replies: Vec<Reply>,
    /// For a button press: the short notice shown by the messenger (every press is answered).
    pub callback_answer: Option<String>,
}
