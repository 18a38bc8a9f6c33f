//! The conversation engine: it knows no messenger. An `Input` goes in (who, which chat, what
//! they sent); `Reply`s and a new conversation state come out. Messages to other people go to
//! the outbox in the same transaction.

pub mod engine;

pub use engine::{Engine, EngineError};

use serde::{Deserialize, Serialize};

/// Which messenger (or the console) a chat lives on; stored with accounts and conversations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    Telegram,
    Console,
}

impl Transport {
    pub fn code(self) -> &'static str {
        match self {
            Transport::Telegram => "telegram",
            Transport::Console => "console",
        }
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
    /// `/name args` or `/name@bot args`; `addressed_to` is the bot named after `@`, if any.
    Command {
        name: String,
        args: String,
        addressed_to: Option<String>,
    },
    /// A button press: `data` is the opaque token the button carried.
    Callback {
        query_id: String,
        data: String,
        message_id: Option<i64>,
    },
    Photo {
        file_id: String,
        file_unique_id: String,
        caption: Option<String>,
    },
    Document {
        file_id: String,
        file_unique_id: String,
        file_name: Option<String>,
        mime_type: Option<String>,
        size: Option<u64>,
        caption: Option<String>,
    },
    Voice {
        file_id: String,
        file_unique_id: String,
        duration_secs: u32,
    },
    Location {
        latitude: f64,
        longitude: f64,
    },
    /// Stickers, edited messages and anything else the bot does not take.
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
    pub bytes: Vec<u8>,
}

/// A message from the bot. `text` is HTML (Telegram's parse mode); see `i18n`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    /// Rows of buttons.
    pub buttons: Vec<Vec<Button>>,
    /// Replace this earlier message (a pressed card) instead of sending a new one.
    pub edit_message_id: Option<i64>,
    pub photo: Option<OutFile>,
    pub document: Option<OutFile>,
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
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
