//! Telegram updates, as teloxide parses them, turned into the engine's messenger-neutral `Input`.
//! What is Telegram's own stays here: `/cmd@bot` addressing (a command for another bot never
//! reaches the engine), callback query ids and file unique ids (read again from the stored
//! update when needed).

use teloxide::types::{
    CallbackQuery, Chat, ChatMemberUpdated, ChatMigration, MediaKind, Message, MessageKind, Update,
    UpdateKind, User,
};

use super::TRANSPORT;
use crate::conversation::parse;
use crate::message::{ChatKind, Input, InputKind, Transport};
use crate::messenger::panic_message;

/// Reads a stored update. teloxide's `UpdateKind` reads its key as a borrowed string, which a
/// `serde_json::Value` cannot lend, so the update is read back from text.
/// A kind teloxide cannot read back from its own writing (a reaction: it panics) is an error.
pub fn parse_update(payload: &serde_json::Value) -> Result<Update, serde_json::Error> {
    let text = payload.to_string();
    std::panic::catch_unwind(|| serde_json::from_str(&text)).unwrap_or_else(|panic| {
        let cause = panic_message(panic);
        Err(serde::de::Error::custom(format!(
            "teloxide panicked reading it: {cause}"
        )))
    })
}

/// The chat an update belongs to, for ordering: a private chat's id is its user's id.
pub fn chat_of(update: &Update) -> Option<i64> {
    match &update.kind {
        UpdateKind::CallbackQuery(q) => Some(
            q.message
                .as_ref()
                .map_or(q.from.id.0 as i64, |m| m.chat().id.0),
        ),
        _ => update.chat().map(|c| c.id.0),
    }
}

/// Turns an update into an `Input`; `None` for updates no person sent to a chat with the bot
/// (channel posts, other people's membership changes, polls) and for commands addressed to
/// another bot, which the bot ignores. The bot's own removal from a group and a group's move to
/// a supergroup become `RemovedFromGroup` and `GroupMoved`. `own` is the bot's username: a
/// command naming a bot is ours only when it names `own`.
pub fn to_input(update: &Update, own: Option<&str>) -> Option<Input> {
    match &update.kind {
        UpdateKind::Message(m) => match m.chat_migration() {
            Some(migration) => moved(m, *migration),
            None => from_message(m, kind_of_message(m, own)?),
        },
        UpdateKind::MyChatMember(change) => removed(change),
        UpdateKind::EditedMessage(m) => from_message(
            m,
            InputKind::Unsupported {
                what: "edited_message".into(),
            },
        ),
        UpdateKind::CallbackQuery(q) => Some(from_callback(q)),
        _ => None,
    }
}

/// The id Telegram needs to answer a button press, for an update that is one.
pub fn callback_query_id(update: &Update) -> Option<String> {
    match &update.kind {
        UpdateKind::CallbackQuery(q) => Some(q.id.0.clone()),
        _ => None,
    }
}

fn transport() -> Transport {
    Transport::new(TRANSPORT)
}

fn chat_kind(chat: &Chat) -> ChatKind {
    if chat.is_private() {
        ChatKind::Private
    } else {
        ChatKind::Group
    }
}

fn input(chat: &Chat, from: &User, kind: InputKind) -> Input {
    Input {
        transport: transport(),
        chat_id: chat.id.0,
        chat_kind: chat_kind(chat),
        user_id: from.id.0 as i64,
        user_name: from.username.clone(),
        language_code: from.language_code.clone(),
        kind,
    }
}

fn from_message(m: &Message, kind: InputKind) -> Option<Input> {
    if m.chat.is_channel() {
        return None;
    }
    let from = m.from.as_ref().filter(|u| !u.is_bot)?;
    Some(input(&m.chat, from, kind))
}

/// The bot's own membership changed: only its removal from a group (it left, or was kicked
/// out) is news for the engine. A private chat's "kicked" (the person blocked the bot) is the
/// sender's to notice when a message does not arrive.
fn removed(change: &ChatMemberUpdated) -> Option<Input> {
    let gone = change.new_chat_member.kind.is_left() || change.new_chat_member.kind.is_banned();
    if !gone || change.chat.is_private() || change.chat.is_channel() {
        return None;
    }
    Some(input(
        &change.chat,
        &change.from,
        InputKind::RemovedFromGroup,
    ))
}

/// A group upgraded to a supergroup: both chats tell it, each with the other's id.
fn moved(m: &Message, migration: ChatMigration) -> Option<Input> {
    if m.chat.is_private() || m.chat.is_channel() {
        return None;
    }
    let here = m.chat.id.0;
    let (from_chat_id, to_chat_id) = match migration {
        ChatMigration::To { chat_id } => (here, chat_id.0),
        ChatMigration::From { chat_id } => (chat_id.0, here),
    };
    let kind = InputKind::GroupMoved {
        from_chat_id,
        to_chat_id,
    };
    Some(match m.from.as_ref() {
        Some(from) => input(&m.chat, from, kind),
        None => Input {
            transport: transport(),
            chat_id: here,
            chat_kind: ChatKind::Group,
            user_id: 0,
            user_name: None,
            language_code: None,
            kind,
        },
    })
}

fn from_callback(q: &CallbackQuery) -> Input {
    let kind = InputKind::Callback {
        data: q.data.clone().unwrap_or_default(),
        message_id: q.message.as_ref().map(|m| i64::from(m.id().0)),
    };
    match q.message.as_ref() {
        Some(m) => input(m.chat(), &q.from, kind),
        None => Input {
            transport: transport(),
            chat_id: q.from.id.0 as i64,
            chat_kind: ChatKind::Private,
            user_id: q.from.id.0 as i64,
            user_name: q.from.username.clone(),
            language_code: q.from.language_code.clone(),
            kind,
        },
    }
}

fn kind_of_message(m: &Message, own: Option<&str>) -> Option<InputKind> {
    let MessageKind::Common(common) = &m.kind else {
        return Some(unsupported("service_message"));
    };
    Some(match &common.media_kind {
        MediaKind::Text(t) => return parse_text(&t.text, own),
        MediaKind::Photo(p) => match p
            .photo
            .iter()
            .max_by_key(|s| (u64::from(s.width) * u64::from(s.height), s.file.size))
        {
            Some(size) => InputKind::Photo {
                file_id: size.file.id.0.clone(),
                caption: p.caption.clone(),
            },
            None => unsupported("photo"),
        },
        MediaKind::Document(d) => InputKind::Document {
            file_id: d.document.file.id.0.clone(),
            file_name: d.document.file_name.clone(),
            mime_type: d.document.mime_type.as_ref().map(|m| m.to_string()),
            size: Some(u64::from(d.document.file.size)),
            caption: d.caption.clone(),
        },
        MediaKind::Voice(v) => InputKind::Voice {
            file_id: v.voice.file.id.0.clone(),
            duration_secs: v.voice.duration.seconds(),
        },
        MediaKind::Location(l) => InputKind::Location {
            latitude: l.location.latitude,
            longitude: l.location.longitude,
        },
        MediaKind::Sticker(_) => unsupported("sticker"),
        MediaKind::Video(_) => unsupported("video"),
        MediaKind::VideoNote(_) => unsupported("video_note"),
        MediaKind::Audio(_) => unsupported("audio"),
        MediaKind::Animation(_) => unsupported("animation"),
        MediaKind::Contact(_) => unsupported("contact"),
        MediaKind::Venue(_) => unsupported("venue"),
        MediaKind::Poll(_) => unsupported("poll"),
        _ => unsupported("other"),
    })
}

fn unsupported(what: &str) -> InputKind {
    InputKind::Unsupported { what: what.into() }
}

/// Reads a message's text. `/name@bot args` is Telegram's addressing: for `own`, it is the
/// engine's `/name args`; for another bot (or when our own name is unknown), nothing at all.
/// Any other text starting with `/` is read by the engine's one command parser
/// (`conversation::parse::command`); anything else is text.
pub fn parse_text(text: &str, own: Option<&str>) -> Option<InputKind> {
    let plain = || {
        Some(InputKind::Text {
            text: text.to_string(),
        })
    };
    let Some(rest) = text.strip_prefix('/') else {
        return plain();
    };
    let head_len = rest.find(parse::name_ends).unwrap_or(rest.len());
    let line = match rest[..head_len].split_once('@') {
        Some((name, bot)) => {
            let is_name = !bot.is_empty()
                && bot.len() <= MAX_BOT_NAME_LEN
                && bot.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !is_name {
                return plain();
            }
            let ours = own.is_some_and(|own| bot.eq_ignore_ascii_case(own.trim_start_matches('@')));
            if !ours {
                return None;
            }
            format!("/{name}{}", &rest[head_len..])
        }
        None => text.to_string(),
    };
    match parse::command(&line) {
        Some(c) => Some(InputKind::Command {
            name: c.name,
            args: c.args,
        }),
        None => plain(),
    }
}

/// The longest bot username Telegram allows, with room to spare.
const MAX_BOT_NAME_LEN: usize = 64;

#[cfg(test)]
mod membership_tests;

#[cfg(test)]
mod reading_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    const OWN: Option<&str> = Some("zhuqi_bot");

    fn update(v: serde_json::Value) -> Update {
        let u = parse_update(&v).expect("a valid update");
        assert!(!matches!(u.kind, UpdateKind::Error(_)), "{v}");
        let stored = serde_json::to_value(&u).unwrap();
        assert_eq!(
            parse_update(&stored).unwrap(),
            u,
            "an update survives being stored"
        );
        u
    }

    fn user() -> serde_json::Value {
        json!({"id": 42, "is_bot": false, "first_name": "王", "username": "wang", "language_code": "en-US"})
    }

    fn message(chat: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
        let mut m = json!({"message_id": 5, "date": 1_780_000_000, "chat": chat, "from": user()});
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    }

    fn private() -> serde_json::Value {
        json!({"id": 42, "type": "private", "first_name": "王"})
    }

    #[test]
    fn a_text_message_becomes_text_with_the_senders_language() {
        let u = update(
            json!({"update_id": 1, "message": message(private(), json!({"text": "企业用电难"}))}),
        );
        let input = to_input(&u, OWN).unwrap();
        assert_eq!(input.chat_id, 42);
        assert_eq!(input.user_id, 42);
        assert_eq!(input.chat_kind, ChatKind::Private);
        assert_eq!(input.language_code.as_deref(), Some("en-US"));
        assert_eq!(input.user_name.as_deref(), Some("wang"));
        assert_eq!(
            input.kind,
            InputKind::Text {
                text: "企业用电难".into()
            }
        );
    }

    #[test]
    fn a_command_in_a_group_names_the_bot_it_is_for() {
        let group = json!({"id": -1001, "type": "supergroup", "title": "住建局"});
        let u = update(
            json!({"update_id": 1, "message": message(group, json!({"text": "/bind@zhuqi_bot  ABC 123 "}))}),
        );
        let input = to_input(&u, OWN).unwrap();
        assert_eq!(input.chat_kind, ChatKind::Group);
        assert_eq!(chat_of(&u), Some(-1001));
        assert_eq!(
            input.kind,
            InputKind::Command {
                name: "bind".into(),
                args: "ABC 123".into(),
            }
        );
    }

    #[test]
    fn a_command_for_another_bot_never_reaches_the_engine() {
        let group = json!({"id": -1001, "type": "supergroup", "title": "住建局"});
        let u = update(
            json!({"update_id": 1, "message": message(group, json!({"text": "/summary@other_bot"}))}),
        );
        assert_eq!(to_input(&u, OWN), None);
        // Without our own name, no command naming a bot can be shown to be ours.
        assert_eq!(to_input(&u, None), None);
        assert_eq!(
            parse_text("/Help@Zhuqi_Bot", OWN),
            Some(InputKind::Command {
                name: "help".into(),
                args: String::new()
            })
        );
    }

    #[test]
    fn a_button_press_carries_its_data_and_the_pressed_message() {
        let u = update(json!({"update_id": 1, "callback_query": {
            "id": "q-1", "from": user(), "chat_instance": "c", "data": "tok",
            "message": message(private(), json!({"text": "card"}))
        }}));
        assert_eq!(chat_of(&u), Some(42));
        assert_eq!(
            to_input(&u, OWN).unwrap().kind,
            InputKind::Callback {
                data: "tok".into(),
                message_id: Some(5)
            }
        );
        assert_eq!(callback_query_id(&u).as_deref(), Some("q-1"));
    }

    #[test]
    fn the_largest_photo_size_is_taken() {
        let u = update(json!({"update_id": 1, "message": message(private(), json!({
        "caption": "现场",
        "photo": [
            {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60, "file_size": 10},
            {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 960, "file_size": 900},
            {"file_id": "mid", "file_unique_id": "m", "width": 320, "height": 240, "file_size": 90}
        ]}))}));
        assert_eq!(
            to_input(&u, OWN).unwrap().kind,
            InputKind::Photo {
                file_id: "big".into(),
                caption: Some("现场".into())
            }
        );
    }

    #[test]
    fn documents_voice_and_locations_are_kept() {
        let doc = update(json!({"update_id": 1, "message": message(private(), json!({
            "document": {"file_id": "d", "file_unique_id": "du", "file_name": "合同.pdf", "mime_type": "application/pdf", "file_size": 2048}
        }))}));
        assert!(matches!(
            to_input(&doc, OWN).unwrap().kind,
            InputKind::Document { file_name: Some(n), size: Some(2048), .. } if n == "合同.pdf"
        ));
        let voice = update(json!({"update_id": 2, "message": message(private(), json!({
            "voice": {"file_id": "v", "file_unique_id": "vu", "duration": 7, "mime_type": "audio/ogg", "file_size": 100}
        }))}));
        assert!(matches!(
            to_input(&voice, OWN).unwrap().kind,
            InputKind::Voice {
                duration_secs: 7,
                ..
            }
        ));
        let loc = update(json!({"update_id": 3, "message": message(private(), json!({
            "location": {"latitude": 25.5, "longitude": 119.1}
        }))}));
        assert_eq!(
            to_input(&loc, OWN).unwrap().kind,
            InputKind::Location {
                latitude: 25.5,
                longitude: 119.1
            }
        );
    }

    #[test]
    fn stickers_and_edited_messages_are_unsupported() {
        let sticker = update(json!({"update_id": 1, "message": message(private(), json!({
            "sticker": {"file_id": "s", "file_unique_id": "su", "type": "regular", "width": 512, "height": 512,
                        "is_animated": false, "is_video": false}
        }))}));
        assert_eq!(
            to_input(&sticker, OWN).unwrap().kind,
            InputKind::Unsupported {
                what: "sticker".into()
            }
        );
        let mut edited = message(private(), json!({"text": "改了"}));
        edited["edit_date"] = json!(1_780_000_100);
        let edited = update(json!({"update_id": 2, "edited_message": edited}));
        assert_eq!(
            to_input(&edited, OWN).unwrap().kind,
            InputKind::Unsupported {
                what: "edited_message".into()
            }
        );
    }

    #[test]
    fn text_that_only_looks_like_a_command_is_text() {
        for text in [
            "/",
            "/ help",
            "/帮助",
            "/help@",
            "/a@b@c",
            "//x",
            "hello /help",
        ] {
            assert!(
                matches!(parse_text(text, OWN), Some(InputKind::Text { .. })),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_text_parses_without_panicking_and_keeps_its_words(text in "\\PC{0,200}") {
            match parse_text(&text, OWN) {
                Some(InputKind::Text { text: t }) => prop_assert_eq!(t, text),
                Some(InputKind::Command { name, args }) => {
                    prop_assert!(text.starts_with('/'));
                    prop_assert!(!name.is_empty() && name.len() <= 32);
                    prop_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                    prop_assert!(text.contains(args.as_str()));
                    prop_assert_eq!(args.trim(), args.as_str());
                }
                None => prop_assert!(text.contains('@'), "dropped {text:?}"),
                other => prop_assert!(false, "unexpected {other:?}"),
            }
        }

        #[test]
        fn commands_keep_their_arguments_whatever_they_are(
            name in "[a-zA-Z0-9_]{1,32}",
            bot in proptest::option::of("[a-zA-Z0-9_]{1,20}"),
            args in "\\PC{0,100}",
        ) {
            let head = match &bot { Some(b) => format!("/{name}@{b}"), None => format!("/{name}") };
            let text = format!("{head} {args}");
            let command = InputKind::Command {
                name: name.to_ascii_lowercase(),
                args: args.trim().to_string(),
            };
            match bot {
                None => prop_assert_eq!(parse_text(&text, OWN), Some(command)),
                Some(b) => {
                    prop_assert_eq!(parse_text(&text, Some(&b)), Some(command));
                    prop_assert_eq!(parse_text(&text, Some("someone_else_entirely")), None);
                }
            }
        }
    }
}
