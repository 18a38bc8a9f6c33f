//! The conversation engine: it knows no messenger. An `Input` goes in (who, which chat, what
//! they sent); `Reply`s and a new conversation state come out. Messages to other people go to
//! the outbox in the same transaction.

mod bind;
mod card;
mod department;
mod dispatch;
pub mod engine;
mod followup;
mod group;
mod help;
mod lang;
mod leader;
mod notify;
pub mod parse;
mod report;
mod reports_chat;
pub mod state;
pub mod text;

pub use engine::{Engine, EngineError};
pub(crate) use help::role_names;
pub use text::split_message;

/// `InputKind::Unsupported::what` for an edited message: edits are not taken as new input.
pub const UNSUPPORTED_EDITED: &str = "edited_message";

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
    #[serde(with = "crate::scheduler::stored_bytes")]
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

#[cfg(test)]
mod tests {
    use crate::domain::Role;
    use crate::i18n::{I18N, LOCALES, SOURCES};
    use std::collections::BTreeMap;

    /// Message ids and the placeholders each uses, from one Fluent file.
    fn messages(source: &str) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            let starts_entry = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts_entry && let Some((id, _)) = line.split_once(" =") {
                current = Some(id.trim().to_string());
                out.entry(id.trim().to_string()).or_default();
            } else if !line.starts_with(' ') {
                current = None;
            }
            if let Some(id) = &current {
                let mut rest = line;
                while let Some(i) = rest.find("{ $") {
                    let name: String = rest[i + 3..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    let entry = out.entry(id.clone()).or_default();
                    if !entry.contains(&name) {
                        entry.push(name);
                    }
                    rest = &rest[i + 3..];
                }
            }
        }
        for v in out.values_mut() {
            v.sort();
        }
        out
    }

    #[test]
    fn both_languages_have_the_same_bot_messages_and_placeholders() {
        let file = |locale: &str| {
            SOURCES
                .iter()
                .find(|(l, f, _)| *l == locale && *f == "bot.ftl")
                .map(|(_, _, s)| messages(s))
                .unwrap_or_default()
        };
        let zh = file("zh-CN");
        assert!(!zh.is_empty());
        assert_eq!(zh, file("en"));
    }

    #[test]
    fn every_message_the_engine_names_exists_in_both_languages() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut keys: Vec<String> = Vec::new();
        for sub in ["conversation", "console"] {
            let Ok(entries) = std::fs::read_dir(format!("{dir}/{sub}")) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                for (i, _) in text
                    .match_indices("\"bot-")
                    .chain(text.match_indices("\"console-"))
                {
                    let key: String = text[i + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if !key.ends_with('-') {
                        keys.push(key);
                    }
                }
            }
        }
        keys.extend(
            super::engine::Engine::commands("en")
                .into_iter()
                .map(|(c, _)| format!("bot-cmd-{c}")),
        );
        keys.extend(Role::ALL.iter().map(|r| format!("bot-help-{}", r.code())));
        assert!(keys.len() > 100);
        for locale in LOCALES {
            for key in &keys {
                assert!(I18N.has(locale, key), "{key} is missing in {locale}");
            }
        }
    }
}
