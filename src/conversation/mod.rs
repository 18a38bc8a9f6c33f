//! The conversation engine: it knows no messenger. An `Input` goes in (who, which chat, what
//! they sent); `Reply`s and a new conversation state come out. Messages to other people go to
//! the outbox in the same transaction.
//!
//! The router (`router.rs`) routes every input by the chat's state, one function per state;
//! flows (`report`, `dispatch`, `department`, `followup`, `visit`, `leader`, `reports_chat`,
//! `lang`, `bind`, `group`, `people`, `reassign`, and the corrections `reclassify`, `extension`,
//! `roadmap`, `files`, the projects' `project_report` and `project_board`, and the approval
//! items' `items` and `item_link`) never import each other, and share only the pieces below them
//! (`act`, `notify`, `card`, `listing`, `access`, `proposal`, `prompt`, `guide`, `menus`, `turn`,
//! `withdraw`, `item_text`); 问责 `measures` and 总结推广 `typical` likewise.
//! `withdraw`, `item_text`); the 督查 flows `inspect` and `rectify` share `inspect_view`.

mod access;
pub mod account_state;
mod act;
mod bind;
mod card;
mod card_buttons;
mod case_search;
mod channel;
mod contacts;
mod day_pick;
mod department;
mod digest;
mod dispatch;
pub mod engine;
mod extension;
mod files;
mod followup;
mod group;
mod group_list;
mod guide;
mod held;
mod inspect;
pub mod inspect_state;
mod inspect_view;
mod item_link;
mod item_text;
mod items;
mod lang;
mod leader;
mod listing;
mod measures;
mod menus;
pub mod mode_state;
mod mode_view;
mod modes;
mod notify;
pub mod parse;
mod people;
pub mod people_state;
mod periods;
mod project_board;
mod project_report;
pub mod project_state;
mod prompt;
mod proposal;
mod reassign;
mod received;
mod reclassify;
mod rectify;
mod report;
mod report_view;
mod reports_chat;
mod roadmap;
mod router;
mod said;
mod seen;
pub mod state;
mod team;
pub mod text;
mod township;
mod turn;
mod typical;
mod visit;
pub mod withdraw;

pub use crate::message::{
    Button, ChatKind, Input, InputKind, OutFile, Outcome, Reply, StoredFile, StoredKind, Transport,
    UNSUPPORTED_EDITED,
};
pub use engine::{Engine, EngineError, HandleFuture, InputHandler, Unfinished};
pub(crate) use guide::role_names;
pub use guide::{default_menu, refusal};
pub use menus::refresh as refresh_menus;

#[cfg(test)]
mod tests {
    use crate::domain::commands::{Command, Kind};
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
                    .chain(text.match_indices("\"menus-"))
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
        keys.extend(Kind::ALL.iter().map(|k| format!("menus-note-{}", k.code())));
        keys.extend(Command::all().map(|c| format!("menus-help-{}", c.name())));
        assert!(keys.len() > 100);
        for locale in LOCALES {
            for key in &keys {
                assert!(I18N.has(locale, key), "{key} is missing in {locale}");
            }
        }
    }
}
